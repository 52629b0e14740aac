"""Exports of aggregate views: suppressed like the screen, translated, metadata, escaped;
and the provincial JSON indicators against their committed schema."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from filet.audit.models import AuditEntry
from filet.observatory.actions import record_observations
from filet.observatory.exports import escape
from tests.conftest import login
from tests.observatory.builders import entry

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "indicators.schema.json"


def _data(personas):
    record_observations(
        [entry() for _ in range(7)] + [entry(sector="vanier") for _ in range(2)],
        by=personas.pivot,
        organisation=personas.org_a,
    )


def _numbers(rows):
    return [int(v) for row in rows for v in row if v.isdigit()]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Limoilou", "Limoilou"),
        (7, 7),
    ],
)
def test_escape(value, expected):
    assert escape(value) == expected


def test_export_asks_to_reauthenticate_first(client, personas):
    login(client, personas.coordinator)
    response = client.get(reverse("observatory:export", args=["csv"]))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="observatory.exported").exists()


def test_worker_gets_404(client, personas):
    login(client, personas.worker, reauthenticated=True)
    assert client.get(reverse("observatory:export", args=["csv"])).status_code == 404


def test_csv_has_metadata_translated_headers_and_no_small_count(client, personas):
    _data(personas)
    login(client, personas.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("observatory:export", args=["csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    meta = {row[0]: row[1] for row in rows if len(row) == 2}
    assert meta["k"] == "5"
    assert meta["Taxonomy version"] == "1"
    assert "suppressed" in meta["Suppression rule"]
    assert [n for n in _numbers(rows[9:]) if 0 < n < 5] == []
    assert AuditEntry.objects.filter(action="observatory.exported").count() == 1


def test_xlsx_has_counts_and_metadata_sheets(client, personas):
    _data(personas)
    login(client, personas.coordinator, reauthenticated=True)
    response = client.get(reverse("observatory:export", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 2
    counts = workbook.worksheets[0]
    values = [c.value for row in counts.iter_rows(min_row=2) for c in row]
    assert [v for v in values if isinstance(v, int) and 0 < v < 5] == []
    meta = {
        row[0].value: row[1].value for row in workbook.worksheets[1].iter_rows() if row[0].value
    }
    assert meta["k"] == 5


def test_export_indicators_writes_json_that_follows_the_schema(personas, tmp_path, capsys):
    _data(personas)
    output = tmp_path / "indicators.json"
    from django.utils import timezone

    month = timezone.localdate().strftime("%Y-%m")
    call_command("export_indicators", "--period", f"{month}..{month}", "--output", str(output))
    document = json.loads(output.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())
    assert document["all_observations"]["months"] == [
        {"month": month, "value": 9, "suppressed": False}
    ]
    numbers = [m["value"] for c in document["categories"] for m in c["months"] if m["value"]]
    assert [n for n in numbers if n < 5] == []
    assert capsys.readouterr().out.count("\n") == 1
    assert AuditEntry.objects.filter(action="indicators.exported").count() == 1


@pytest.mark.parametrize(
    "period", ["2026-13..2027-01", "2026-05..2026-01", "2026", "1990-01..2026-01"]
)
def test_export_indicators_refuses_bad_periods(db, tmp_path, period):
    with pytest.raises(CommandError):
        call_command("export_indicators", "--period", period, "--output", str(tmp_path / "x.json"))
    assert not (tmp_path / "x.json").exists()
