"""The management report as XLSX, headers in the reader's language, every text cell
escaped against formula injection (SECURITY.md, ASVS 1.2.10)."""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from filet.lib.spreadsheets import escape_cell as escape
from filet.pivots.followup import FollowUp
from filet.pivots.reports import Breakdown, Quarter, Report, TableRow


def _append(sheet: Worksheet, values: Iterable[object], *, bold: bool = False) -> None:
    sheet.append([escape(value) for value in values])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)


def _breakdown(sheet: Worksheet, title: str, breakdown: Breakdown) -> None:
    _append(sheet, [])
    _append(sheet, [title, _("Activities"), _("Participants")], bold=True)
    for row in breakdown.rows:
        _append(sheet, [row["label"], row["activities"], row["participants"]])
    _append(sheet, [_("Total"), breakdown.activities, breakdown.participants], bold=True)


def _workbook() -> tuple[Workbook, Worksheet]:
    workbook = Workbook()
    sheet = workbook.create_sheet(_("Report")[:31], 0)
    workbook.remove(workbook.worksheets[1])  # the empty default sheet
    return workbook, sheet


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _followup(sheet: Worksheet, followup: FollowUp) -> None:
    _append(sheet, [])
    _append(sheet, [_("Follow-up of the safety net")], bold=True)
    for label, value in followup.rows:
        _append(sheet, [label, value])
    if followup.outcomes:
        _append(sheet, [_("Outcome of the situations closed"), _("Situations")], bold=True)
        for label, value in followup.outcomes:
            _append(sheet, [label, value])
        _append(sheet, [_("Total"), followup.outcomes_total])


def report_xlsx(report: Report, followup: FollowUp | None = None) -> bytes:
    workbook, sheet = _workbook()
    name = report.organisation.name if report.organisation else _("The whole Table")
    _append(sheet, [_("Report to management"), name, report.quarter.label()], bold=True)
    _append(sheet, [_("Primary pivots"), report.primaries])
    _append(sheet, [_("Backup pivots"), report.backups])
    _append(sheet, [_("Hours of outreach"), round(report.minutes / 60, 1)])
    if report.observations is not None:
        _append(sheet, [_("Observations recorded"), report.observations])
        _append(sheet, [_("Youths in the observations"), report.youths])
    _breakdown(sheet, _("Audience"), report.by_audience)
    _breakdown(sheet, _("Type of milieu"), report.by_milieu)
    if followup is not None:
        _followup(sheet, followup)
    pivots = workbook.create_sheet(_("Pivots")[:31])
    _append(
        pivots, [_("Pivot"), _("Level"), _("Stages"), _("Territories"), _("Valid until")], bold=True
    )
    for d in report.designations:
        _append(pivots, [
            d.pivot.full_name, d.get_level_display(),
            ", ".join(s.label for s in d.stages.all()),
            ", ".join(t.name for t in d.territories.all()),
            d.valid_until.isoformat() if d.valid_until else "",
        ])  # fmt: skip
    return _save(workbook)


def table_xlsx(quarter: Quarter, rows: list[TableRow], participants: str) -> bytes:
    workbook, sheet = _workbook()
    _append(sheet, [_("Report to management"), _("The whole Table"), quarter.label()], bold=True)
    _append(sheet, [_("Organisation"), _("Pivots"), _("Activities"), _("Participants")], bold=True)
    for row in rows:
        _append(sheet, [row.organisation.name, row.pivots, row.activities, row.participants])
    _append(sheet, [_("Total"), sum(r.pivots for r in rows), sum(r.activities for r in rows),
                    participants], bold=True)  # fmt: skip
    return _save(workbook)
