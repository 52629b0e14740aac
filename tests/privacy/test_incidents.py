"""The register of confidentiality incidents: the eight regulated fields, the workflow,
the guard, and who may see it."""

from datetime import date

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.privacy import actions
from filet.privacy.models import Incident, IncidentStatus
from tests.conftest import login
from tests.privacy.builders import incident


def _form(**extra):
    return {
        "information": "Adresses courriel professionnelles",
        "circumstances": "Un envoi groupé au mauvais groupe de diffusion.",
        "occurred_from": "2026-03-02",
        "occurred_to": "",
        "learned_on": "2026-03-04",
        "persons": "12",
        "persons_estimated": "on",
        "measures": "",
        "submission": "abc",
        **extra,
    }


def _create_url(p):
    return reverse("privacy:incident_create", kwargs={"pk": p.org_a.pk})


def test_the_privacy_officer_records_an_incident(client, personas):
    login(client, personas.privacy_officer)
    response = client.post(_create_url(personas), _form())
    found = Incident.objects.get()
    assert response["Location"] == found.get_absolute_url()
    assert (found.organisation, found.recorded_by, found.persons, found.persons_estimated) == (
        personas.org_a,
        personas.privacy_officer,
        12,
        True,
    )
    assert (found.learned_on, found.status) == (date(2026, 3, 4), IncidentStatus.RECORDED)
    entry = AuditEntry.objects.get(action="incident.recorded")
    assert (entry.target_id, entry.organisation) == (str(found.pk), personas.org_a)


def test_a_double_submit_records_one_incident(client, personas):
    login(client, personas.privacy_officer)
    client.post(_create_url(personas), _form())
    client.post(_create_url(personas), _form())
    assert Incident.objects.count() == 1


def test_the_guard_refuses_a_youths_identifiers_and_keeps_the_text(client, personas):
    login(client, personas.privacy_officer)
    text = "Le dossier de Jessica Tremblay, 418 555-0199, a été vu."
    response = client.post(_create_url(personas), _form(circumstances=text))
    assert response.status_code == 400
    assert text in response.content.decode()
    assert Incident.objects.count() == 0


def test_a_period_ending_before_it_starts_is_refused(client, personas):
    login(client, personas.privacy_officer)
    response = client.post(_create_url(personas), _form(occurred_to="2026-03-01"))
    assert response.status_code == 400
    assert Incident.objects.count() == 0


def test_the_representative_reads_but_may_not_record(client, personas):
    found = incident(personas)
    login(client, personas.representative)
    assert client.get(found.get_absolute_url()).status_code == 200
    assert client.post(_create_url(personas), _form()).status_code == 403
    edit = reverse("privacy:incident_edit", kwargs={"pk": found.pk})
    assert client.post(edit, _form(persons="99", version="1")).status_code == 403
    found.refresh_from_db()
    assert (Incident.objects.count(), found.persons) == (1, 3)


@pytest.mark.parametrize("name", ["outsider_privacy_officer", "outsider", "pivot", "coordinator"])
def test_anyone_else_gets_404_and_the_refusal_is_logged(client, personas, name):
    found = incident(personas)
    login(client, personas.by_name(name), reauthenticated=True)
    urls = [
        found.get_absolute_url(),
        reverse("privacy:incidents", kwargs={"pk": personas.org_a.pk}),
        reverse("privacy:incidents_export", kwargs={"pk": personas.org_a.pk, "file_format": "csv"}),
        reverse("privacy:incident_assess", kwargs={"pk": found.pk}),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    assert AuditEntry.objects.filter(action="access.denied").count() == 4
    assert not AuditEntry.objects.filter(action="incident.viewed").exists()


def test_another_organisations_register_lists_none_of_a(client, personas):
    incident(personas)
    login(client, personas.outsider_privacy_officer)
    url = reverse("privacy:incidents", kwargs={"pk": personas.org_b.pk})
    assert list(client.get(url).context["incidents"]) == []


def test_reading_an_incident_is_logged(client, personas):
    found = incident(personas)
    login(client, personas.privacy_officer)
    client.get(found.get_absolute_url())
    entry = AuditEntry.objects.get(action="incident.viewed")
    assert (entry.actor, entry.target_id) == (personas.privacy_officer, str(found.pk))


def _assess(client, found, serious, version):
    url = reverse("privacy:incident_assess", kwargs={"pk": found.pk})
    return client.post(url, {
        "sensitivity": "high", "likelihood": "moderate",
        "consequences": "Hameçonnage possible des intervenants visés.",
        "serious": serious, "assessed_on": "2026-03-05", "version": version,
    })  # fmt: skip


def _close(client, found, version):
    url = reverse("privacy:incident_close", kwargs={"pk": found.pk})
    return client.post(url, {"closed_on": "2026-03-20", "version": version})


def test_a_serious_incident_needs_both_notices_before_closing(client, personas):
    found = incident(personas, measures="Rappel du message; changement de la liste.")
    login(client, personas.privacy_officer)
    assert _assess(client, found, "yes", 1).status_code == 302
    found.refresh_from_db()
    assert (found.status, found.serious, found.notices_due) == ("assessed", True, True)
    _close(client, found, 2)
    found.refresh_from_db()
    assert found.status == IncidentStatus.ASSESSED
    notify = reverse("privacy:incident_notify", kwargs={"pk": found.pk})
    client.post(notify, {"commission_notified_on": "2026-03-06",
                         "persons_notified_on": "2026-03-07", "version": 2})  # fmt: skip
    found.refresh_from_db()
    assert (found.status, found.commission_notified_on) == ("notified", date(2026, 3, 6))
    _close(client, found, 3)
    found.refresh_from_db()
    assert (found.status, found.closed_on) == (IncidentStatus.CLOSED, date(2026, 3, 20))
    actions_logged = list(
        AuditEntry.objects.filter(action__startswith="incident.")
        .exclude(action="incident.viewed")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions_logged == [
        "incident.recorded",
        "incident.assessed",
        "incident.notified",
        "incident.closed",
    ]


def test_an_incident_without_serious_risk_closes_once_measures_are_recorded(client, personas):
    found = incident(personas)
    login(client, personas.privacy_officer)
    _assess(client, found, "no", 1)
    _close(client, found, 2)
    found.refresh_from_db()
    assert found.status == IncidentStatus.ASSESSED  # no measures yet
    actions.change_incident(found, by=personas.privacy_officer, expected_version=2,
                            data={**_clean(found), "measures": "Liste corrigée."})  # fmt: skip
    _close(client, found, 3)
    found.refresh_from_db()
    assert found.status == IncidentStatus.CLOSED


def _clean(found):
    return {field: getattr(found, field) for field in actions.DESCRIPTION_FIELDS}


def test_a_closed_incident_is_frozen(client, personas):
    found = incident(personas, measures="Liste corrigée.")
    actions.assess_incident(found, by=personas.privacy_officer, expected_version=1, data={
        "sensitivity": "low", "likelihood": "low", "consequences": "Aucune.",
        "serious": False, "assessed_on": date(2026, 3, 5)})  # fmt: skip
    actions.close_incident(found, by=personas.privacy_officer, on=date(2026, 3, 6),
                           expected_version=2)  # fmt: skip
    login(client, personas.privacy_officer)
    edit = reverse("privacy:incident_edit", kwargs={"pk": found.pk})
    assert client.get(edit).status_code == 403


def test_the_second_of_two_editors_is_told(client, personas):
    found = incident(personas)
    actions.change_incident(found, by=personas.privacy_officer, expected_version=1,
                            data={**_clean(found), "persons": 4})  # fmt: skip
    login(client, personas.privacy_officer)
    edit = reverse("privacy:incident_edit", kwargs={"pk": found.pk})
    response = client.post(edit, _form(persons="7", version="1"))
    found.refresh_from_db()
    assert (response.status_code, found.persons) == (409, 4)


def test_each_register_numbers_its_own_incidents(personas):
    from tests.privacy.builders import incident_data

    first = incident(personas)
    other = actions.record_incident(
        personas.org_b, by=personas.outsider_privacy_officer, data=incident_data()
    )
    second = incident(personas)
    assert [first.reference, other.reference, second.reference] == [
        "INC-0001",
        "INC-0001",
        "INC-0002",
    ]
