"""Exports of the incident register and of the audit log: re-authenticated, audited,
headers in the reader's language, formula cells escaped."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from filet.audit.actions import record
from filet.audit.models import AuditEntry
from filet.organisations.models import Role
from tests.conftest import login, make_person
from tests.privacy.builders import incident


def _incidents_url(p, file_format="csv"):
    return reverse(
        "privacy:incidents_export", kwargs={"pk": p.org_a.pk, "file_format": file_format}
    )


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_asks_for_the_password_again_and_logs_nothing_before(client, personas):
    incident(personas)
    login(client, personas.privacy_officer)
    response = client.get(_incidents_url(personas))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEntry.objects.filter(action="incident.exported").exists()


def test_register_csv_in_french_with_formula_escaped(client, personas):
    incident(personas, measures='=HYPERLINK("http://x")')
    login(client, personas.privacy_officer, reauthenticated=True)
    rows = _csv(client.get(_incidents_url(personas)))
    assert rows[0][:3] == ["Référence", "Statut", "Renseignements personnels visés"]
    assert len(rows) == 2
    assert rows[1][17] == '\'=HYPERLINK("http://x")'
    assert rows[1][7] == "3"
    entry = AuditEntry.objects.get(action="incident.exported")
    assert (entry.data, entry.organisation) == ({"file_format": "csv", "count": 1}, personas.org_a)


def test_register_xlsx_in_english(client, personas):
    incident(personas)
    personas.privacy_officer.language = "en"
    personas.privacy_officer.save(update_fields=["language"])
    login(client, personas.privacy_officer, reauthenticated=True)
    response = client.get(_incidents_url(personas, "xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:3] == [
        "Reference",
        "Status",
        "Personal information concerned",
    ]
    assert sheet.max_row == 2


def test_the_representative_may_export_the_register(client, personas):
    incident(personas)
    login(client, personas.representative, reauthenticated=True)
    assert client.get(_incidents_url(personas)).status_code == 200


def test_an_unknown_format_is_404(client, personas):
    login(client, personas.privacy_officer, reauthenticated=True)
    assert client.get(_incidents_url(personas, "pdf")).status_code == 404


AUDIT = reverse("audit:export", kwargs={"file_format": "csv"})


def _seed(p):
    record(p.representative, "role.granted", p.org_a, organisation=p.org_a)
    record(p.outsider, "role.granted", p.org_b, organisation=p.org_b)
    record(p.pivot, "auth.login")


def test_audit_export_follows_the_filters_and_the_organisation(client, personas):
    _seed(personas)
    login(client, personas.privacy_officer, reauthenticated=True)
    rows = _csv(client.get(AUDIT, {"action": "role.granted"}))
    assert rows[0][:4] == ["Numéro", "Quand (UTC)", "Qui", "Code de l'événement"]
    assert [(r[2], r[3]) for r in rows[1:]] == [("representative@test.example", "role.granted")]
    entry = AuditEntry.objects.get(action="audit.exported")
    assert entry.data == {"file_format": "csv", "count": 1, "filters": {"action": "role.granted"}}


def test_audit_export_filters_by_person_outcome_and_period(client, personas):
    _seed(personas)
    login(client, personas.privacy_officer, reauthenticated=True)
    rows = _csv(client.get(AUDIT, {"actor": "pivot", "outcome": "success", "start": "2000-01-01"}))
    assert [r[3] for r in rows[1:]] == ["auth.login"]
    assert _csv(client.get(AUDIT, {"end": "2000-01-01"}))[1:] == []


def test_audit_export_escapes_formulas_in_xlsx(client, personas):
    sly = make_person("=1+2@test.example", personas.org_a, Role.WORKER, mfa=False)
    record(sly, "auth.login")
    login(client, personas.privacy_officer, reauthenticated=True)
    response = client.get(reverse("audit:export", kwargs={"file_format": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "'=1+2@test.example" in [row[2] for row in sheet.iter_rows(values_only=True)]


def test_audit_export_with_reversed_dates_comes_back_with_the_error(client, personas):
    login(client, personas.privacy_officer, reauthenticated=True)
    response = client.get(AUDIT, {"start": "2026-05-02", "end": "2026-05-01"})
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_audit_export_is_404_for_anyone_but_a_privacy_officer(client, personas):
    login(client, personas.representative, reauthenticated=True)
    assert client.get(AUDIT).status_code == 404
    assert not AuditEntry.objects.filter(action="audit.exported").exists()


def test_audit_export_needs_recent_authentication(client, personas):
    login(client, personas.privacy_officer)
    response = client.get(AUDIT)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
