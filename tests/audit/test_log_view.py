"""The privacy officer's view of the audit log: their organisation only, filtered, audited."""

from django.urls import reverse

from filet.audit.actions import record
from filet.audit.models import AuditEntry
from tests.conftest import login

URL = reverse("audit:log")


def _seed(personas):
    record(personas.representative, "role.granted", personas.org_a, organisation=personas.org_a)
    record(personas.outsider, "role.granted", personas.org_b, organisation=personas.org_b)
    record(personas.pivot, "auth.login")  # no organisation: counted through the actor


def test_privacy_officer_sees_own_organisation_and_its_people_only(client, personas):
    _seed(personas)
    login(client, personas.privacy_officer)
    page = client.get(URL).context["page"]
    actors = sorted(entry.actor.email for entry in page if entry.action != "audit.viewed")
    # The officer's own login is there too: it is an event of a member of A.
    assert actors == ["pivot@test.example", "privacy@test.example", "representative@test.example"]


def test_other_organisations_privacy_officer_sees_none_of_a(client, personas):
    _seed(personas)
    login(client, personas.outsider_privacy_officer)
    page = client.get(URL).context["page"]
    assert sorted(e.actor.email for e in page if e.action != "audit.viewed") == [
        "outsider@test.example",
        "privacy-b@test.example",
    ]


def test_reading_the_log_is_itself_logged(client, personas):
    login(client, personas.privacy_officer)
    client.get(URL, {"action": "auth.login"})
    entry = AuditEntry.objects.get(action="audit.viewed")
    assert (entry.actor, entry.data) == (
        personas.privacy_officer,
        {"filters": {"action": "auth.login"}},
    )


def test_filter_by_event_and_person(client, personas):
    _seed(personas)
    login(client, personas.privacy_officer)
    page = client.get(URL, {"action": "role.granted", "actor": "represent"}).context["page"]
    assert [(e.action, e.actor.email) for e in page] == [
        ("role.granted", "representative@test.example")
    ]


def test_reversed_dates_come_back_with_an_error_and_the_values(client, personas):
    login(client, personas.privacy_officer)
    response = client.get(URL, {"start": "2026-05-02", "end": "2026-05-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "The start date is after the end date." in body or "postérieure" in body
    assert 'value="2026-05-02"' in body


def test_log_page_query_count_stays_flat(client, personas, django_assert_max_num_queries):
    login(client, personas.privacy_officer)
    client.get(URL)
    with django_assert_max_num_queries(15):
        client.get(URL)
    for _ in range(60):
        record(personas.representative, "role.granted", personas.org_a, organisation=personas.org_a)
    with django_assert_max_num_queries(15):
        client.get(URL)


def test_entry_stays_with_the_organisation_the_actor_belonged_to_then(client, personas):
    record(personas.pivot, "auth.login")
    personas.pivot.memberships.update(ended_at="2026-01-01T00:00:00Z")
    login(client, personas.privacy_officer)
    page = client.get(URL, {"action": "auth.login", "actor": "pivot"}).context["page"]
    assert [e.actor.email for e in page] == ["pivot@test.example"]
