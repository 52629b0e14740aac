"""CSV and XLSX exports: translated headers, formula injection escaped, audited,
re-authentication first."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from filet.audit.models import AuditEntry
from filet.matrix import actions
from filet.matrix.exports import escape
from tests.conftest import login
from tests.matrix.conftest import put

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("LPJ art. 38", "LPJ art. 38"),
        ("", ""),
    ],
)
def test_escape(value, expected):
    assert escape(value) == expected


def test_csv_headers_in_french_then_english(client, filled):
    login(client, filled.worker, reauthenticated=True)
    response = client.get(reverse("matrix:export", kwargs={"file_format": "csv"}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv(response)
    # French is the default; the French words come from the catalogue (locale/).
    with translation.override("fr-ca"):
        assert rows[0] == [
            translation.gettext(word)
            for word in ("Partner", "Acronym", "Stage", "Responsibility", "Description", "Mandate")
        ]
    client.cookies["django_language"] = "en"
    rows = _csv(client.get(reverse("matrix:export", kwargs={"file_format": "csv"})))
    assert rows == [
        ["Partner", "Acronym", "Stage", "Responsibility", "Description", "Mandate"],
        ["Organisation A", "OA", "Prevention", "Lead", "Classroom workshops", ""],
        ["Organisation A", "OA", "Support and reintegration", "Contributes", "", ""],
        ["Organisation B", "OB", "Investigation and judicial process", "Lead", "", "Code criminel"],
    ]


def test_french_rows_use_french_labels(client, filled):
    login(client, filled.worker, reauthenticated=True)
    client.cookies["django_language"] = "fr-ca"
    rows = _csv(client.get(reverse("matrix:export", kwargs={"file_format": "csv"})))
    assert rows[1][:3] == ["Organisme A", "OA", "Prévention"]
    assert rows[1][4] == "Ateliers en classe"


def test_injection_is_escaped_in_csv_and_xlsx(client, filled):
    put(
        filled.org_a,
        "awareness",
        "informed",
        by=filled.coordinator,
        description_en="=cmd|' /C calc'!A0",
        mandate="@SUM(1+1)",
    )
    login(client, filled.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    rows = _csv(client.get(reverse("matrix:export", kwargs={"file_format": "csv"})))
    assert [
        "Organisation A",
        "OA",
        "Awareness",
        "Informed",
        "'=cmd|' /C calc'!A0",
        "'@SUM(1+1)",
    ] in rows
    response = client.get(reverse("matrix:export", kwargs={"file_format": "xlsx"}))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = workbook["Cells"]
    values = [[cell.value for cell in row] for row in cells.iter_rows()]
    assert values[0] == ["Partner", "Acronym", "Stage", "Responsibility", "Description", "Mandate"]
    assert [
        "Organisation A",
        "OA",
        "Awareness",
        "Informed",
        "'=cmd|' /C calc'!A0",
        "'@SUM(1+1)",
    ] in values
    assert all(cell.data_type != "f" for row in cells.iter_rows() for cell in row)
    grid = [[cell.value for cell in row] for row in workbook["Matrix"].iter_rows()]
    assert grid[0][:3] == ["Partner", "Prevention", "Awareness"]
    assert grid[2][:3] == ["Organisation A", "Lead", "Informed"]
    assert grid[-1][:3] == ["Gaps", None, "No lead"]


def test_xlsx_headers_in_french(client, filled):
    login(client, filled.worker, reauthenticated=True)
    response = client.get(reverse("matrix:export", kwargs={"file_format": "xlsx"}))
    assert response["Content-Disposition"].startswith('attachment; filename="matrice-')
    workbook = load_workbook(io.BytesIO(response.content))
    with translation.override("fr-ca"):
        assert workbook.sheetnames == [translation.gettext("Matrix"), translation.gettext("Cells")]
        assert workbook.worksheets[0]["A1"].value == translation.gettext("Partner")


def test_export_is_audited(client, filled):
    login(client, filled.pivot, reauthenticated=True)
    client.get(reverse("matrix:export", kwargs={"file_format": "xlsx"}))
    entry = AuditEntry.objects.get(action="matrix.exported")
    assert (entry.actor, entry.data) == (filled.pivot, {"format": "xlsx", "version": "draft"})


def test_export_asks_for_reauthentication_and_logs_nothing_before(client, filled):
    login(client, filled.coordinator)
    response = client.get(reverse("matrix:export", kwargs={"file_format": "csv"}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEntry.objects.filter(action="matrix.exported").exists()


def test_unknown_format_is_404(client, filled):
    login(client, filled.coordinator, reauthenticated=True)
    assert client.get(reverse("matrix:export", kwargs={"file_format": "pdf"})).status_code == 404
    assert not AuditEntry.objects.filter(action="matrix.exported").exists()


def test_an_adopted_version_exports_as_adopted(client, filled):
    version = actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    put(filled.org_a, "prevention", "", by=filled.coordinator)
    login(client, filled.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    url = reverse("matrix:version_export", kwargs={"number": 1, "file_format": "csv"})
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="matrice-v1.csv"'
    assert ["Organisation A", "OA", "Prevention", "Lead", "Classroom workshops", ""] in _csv(
        response
    )
    entry = AuditEntry.objects.get(action="matrix.exported")
    assert (entry.target_id, entry.data["version"]) == (str(version.pk), 1)
