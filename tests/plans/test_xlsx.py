import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from filet.audit.models import AuditEntry
from filet.plans.models import Action, Objective
from tests.conftest import login
from tests.meetings.builders import make_action, make_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Objectif",
            "Code",
            "Action",
            "Responsable",
            "Partenaires",
            "Début",
            "Échéance",
            "Statut",
            "Avancement",
            "Poids",
        ]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _post(client, plan, content: bytes, *, dry_run: bool, name: str = "plan.xlsx"):
    data = {"file": SimpleUploadedFile(name, content, content_type=XLSX)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("plans:import", kwargs={"pk": plan.pk}), data)


GOOD = [
    [
        "Former les intervenants",
        "",
        "Former 40 intervenants",
        "OA",
        "OB",
        date(2026, 2, 1),
        date(2026, 9, 30),
        "",
        "",
        2,
    ],
    ["Former les intervenants", "", "Évaluer la formation", "oa", "", "", "2026-11-30", "", "", ""],
]


def test_dry_run_reports_and_changes_nothing(personas, client):
    plan, _objective = make_plan(personas)
    login(client, personas.coordinator, reauthenticated=True)
    response = _post(client, plan, _workbook(GOOD), dry_run=True)
    assert response.status_code == 200
    assert len(response.context["result"].rows) == 2
    assert response.context["result"].errors == []
    assert Action.objects.count() == 0
    assert Objective.objects.count() == 1


def test_import_adds_objectives_and_actions(personas, client):
    plan, _objective = make_plan(personas)
    login(client, personas.coordinator, reauthenticated=True)
    response = _post(client, plan, _workbook(GOOD), dry_run=False)
    assert response.status_code == 302
    rows = list(
        Action.objects.order_by("code").values_list(
            "objective__title_fr", "code", "title_fr", "weight", "due_on"
        )
    )
    assert rows == [
        ("Former les intervenants", "2.1", "Former 40 intervenants", 2, date(2026, 9, 30)),
        ("Former les intervenants", "2.2", "Évaluer la formation", 1, date(2026, 11, 30)),
    ]
    first = Action.objects.get(code="2.1")
    assert [o.acronym for o in first.responsible.all()] == ["OA"]
    assert [o.acronym for o in first.partners.all()] == ["OB"]
    assert AuditEntry.objects.filter(action="plan.imported").count() == 1


def test_a_bad_row_names_file_row_and_column_and_changes_nothing(personas, client):
    plan, _objective = make_plan(personas)
    rows = [GOOD[0], ["Former", "", "", "ZZ", "", "", "pas une date", "", "", 0]]
    login(client, personas.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    response = _post(client, plan, _workbook(rows), dry_run=False, name="mauvais.xlsx")
    assert response.status_code == 400
    with translation.override("en"):  # column names are translated when read
        errors = [(e.file, e.row, str(e.column)) for e in response.context["result"].errors]
    assert errors == [
        ("mauvais.xlsx", 3, "Action"),
        ("mauvais.xlsx", 3, "Responsible (acronyms)"),
        ("mauvais.xlsx", 3, "Due"),
        ("mauvais.xlsx", 3, "Weight"),
    ]
    assert Action.objects.count() == 0
    assert Objective.objects.count() == 1


def test_a_file_that_is_not_a_workbook_changes_nothing(personas, client):
    plan, _objective = make_plan(personas)
    login(client, personas.coordinator, reauthenticated=True)
    response = _post(client, plan, b"not,a,workbook\n", dry_run=False, name="plan.xlsx")
    assert response.status_code == 400
    assert [(e.file, e.row) for e in response.context["result"].errors] == [("plan.xlsx", 0)]
    assert Action.objects.count() == 0


def test_representative_may_not_import(personas, client):
    plan, _objective = make_plan(personas)
    login(client, personas.representative, reauthenticated=True)
    assert _post(client, plan, _workbook(GOOD), dry_run=False).status_code == 403
    assert Action.objects.count() == 0


def test_export_has_translated_headers_escapes_formulas_and_is_audited(personas, client):
    plan, objective = make_plan(personas)
    make_action(personas, objective)
    Action.objects.update(title_fr='=HYPERLINK("http://x")')
    login(client, personas.representative, reauthenticated=True)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("plans:export", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Objective", "Code", "Action", "Responsible (acronyms)")
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
    assert (
        AuditEntry.objects.filter(action="plan.exported", actor=personas.representative).count()
        == 1
    )


@pytest.mark.parametrize("name", ["outsider", "researcher"])
def test_export_is_not_found_for_people_outside_the_table(personas, client, name):
    plan, _objective = make_plan(personas)
    login(client, personas.by_name(name), reauthenticated=True)
    assert client.get(reverse("plans:export", kwargs={"pk": plan.pk})).status_code == 404
    assert not AuditEntry.objects.filter(action="plan.exported").exists()


def test_export_asks_for_recent_authentication(personas, client):
    plan, _objective = make_plan(personas)
    login(client, personas.representative)
    response = client.get(reverse("plans:export", kwargs={"pk": plan.pk}))
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]
    assert not AuditEntry.objects.filter(action="plan.exported").exists()
