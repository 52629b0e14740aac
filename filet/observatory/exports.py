"""Aggregate views as CSV and XLSX, headers in the reader's language, with the metadata a
reader needs (definitions, taxonomy version, suppression rule, period, producer), and the
provincial JSON indicators (docs/schemas/indicators.schema.json). Only suppressed values
ever reach a file: these functions take a Trends, never observations."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from filet.lib.spreadsheets import escape_cell as escape
from filet.observatory.stats import Series, Trends
from filet.taxonomy.models import TaxonomyVersion, Term

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SCHEMA_ID = "https://filet.example/schemas/indicators.schema.json"


@dataclass(frozen=True)
class Producer:
    name: str
    organisation: str


def _month(value: date) -> str:
    return value.strftime("%Y-%m")


def _shown(value: int | None) -> object:
    return _("suppressed") if value is None else value


def headers(trends: Trends) -> list[str]:
    return [
        _("View"),
        _("Row"),
        *(_month(m) for m in trends.months),
        _("Period total"),
        _("Previous period"),
    ]


def rows(trends: Trends) -> list[list[object]]:
    views = [
        (_("All observations"), [trends.timeline]),
        (_("By category"), trends.by_category),
        (_("By sector"), trends.by_sector),
        (_("By milieu"), trends.by_milieu),
    ]
    return [
        [
            view,
            row.label or _("Total"),
            *map(_shown, row.values),
            _shown(row.total),
            _shown(row.previous),
        ]
        for view, series in views
        for row in series
    ]


def metadata(trends: Trends, producer: Producer) -> list[tuple[str, object]]:
    version = TaxonomyVersion.objects.current()
    measure = _("youths") if trends.measure == "youths" else _("observations")
    return [
        (_("Producer"), f"{producer.name} — {producer.organisation}"),
        (_("Produced at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        (_("Period"), f"{_month(trends.query.start)}..{_month(trends.query.end)}"),
        (_("Counted"), measure),
        (_("Taxonomy version"), version.number if version else ""),
        (
            _("Suppression rule"),
            _(
                "Counts from 1 to %(last)s are suppressed (k = %(k)s), with complementary "
                "suppression so that totals and differences between views reveal none; a "
                "period total is suppressed when one of its months is."
            )
            % {"last": trends.k - 1, "k": trends.k},
        ),
        ("k", trends.k),
    ]


def definitions(trends: Trends) -> list[tuple[str, str, str]]:
    terms: Iterable[Series] = [*trends.by_category, *trends.by_sector, *trends.by_milieu]
    found: list[Term] = [row.term for row in terms if row.term is not None]
    return [(t.code, t.label, t.definition) for t in found]


def to_csv(trends: Trends, producer: Producer) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for label, value in metadata(trends, producer):
        writer.writerow([escape(label), escape(value)])
    writer.writerow([])
    writer.writerow([escape(h) for h in headers(trends)])
    writer.writerows([escape(v) for v in row] for row in rows(trends))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(trends: Trends, producer: Producer) -> bytes:
    workbook = Workbook()
    data: Any = workbook.active
    data.title = _("Counts")[:31]
    _append(data, headers(trends), bold=True)
    for row in rows(trends):
        _append(data, row)
    data.freeze_panes = "C2"
    about = workbook.create_sheet(_("Metadata")[:31])
    for label, value in metadata(trends, producer):
        _append(about, [label, value])
    _append(about, [])
    _append(about, [_("Code"), _("Term"), _("Definition")], bold=True)
    for entry in definitions(trends):
        _append(about, list(entry))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _append(sheet: Any, values: Iterable[object], *, bold: bool = False) -> None:
    sheet.append([escape(value) for value in values])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


def _series_json(row: Series, months: list[date]) -> dict[str, Any]:
    return {
        "months": [
            {"month": _month(m), "value": v, "suppressed": v is None}
            for m, v in zip(months, row.values, strict=True)
        ],
        "total": row.total,
        "previous_total": row.previous,
    }


def _term_json(term: Term) -> dict[str, Any]:
    return {
        "code": term.code,
        "label_fr": term.label_fr,
        "label_en": term.label_en,
        "active": term.is_active,
    }


def indicators_document(
    by_vocabulary: dict[str, Trends], *, region: str, produced_by: str
) -> dict[str, Any]:
    """The region's aggregate indicators for the provincial table, by vocabulary."""
    any_trends = next(iter(by_vocabulary.values()))
    version = TaxonomyVersion.objects.current()
    return {
        "$schema": SCHEMA_ID,
        "schema_version": "1.0",
        "region": region,
        "produced_by": produced_by,
        "produced_at": timezone.now().isoformat(timespec="seconds"),
        "period": {"start": _month(any_trends.query.start), "end": _month(any_trends.query.end)},
        "measure": any_trends.measure,
        "taxonomy_version": version.number if version else 0,
        "suppression": {"k": any_trends.k, "rule": "primary 1..k-1, complementary by line"},
        "all_observations": _series_json(any_trends.timeline, any_trends.months),
        "sectors": [
            {**_term_json(row.term), **_series_json(row, any_trends.months)}
            for row in any_trends.by_sector
            if row.term is not None
        ],
        "categories": [
            {"vocabulary": vocabulary, **_term_json(row.term), **_series_json(row, trends.months)}
            for vocabulary, trends in by_vocabulary.items()
            for row in trends.by_category
            if row.term is not None
        ],
    }
