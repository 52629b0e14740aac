"""The privacy officer's view of the audit log: their organisation only, filtered, audited."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from filet.audit.actions import record
from filet.audit.log import OrganisationLog
from filet.audit.models import AuditEntry, AuditLink, Outcome
from filet.organisations.models import Membership, Role
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


# Issue 8: the page reads an organisation's entries through the links' index (organisation,
# number), counts up to a cap, and must show exactly the entries, in the order, that reading
# every link of the officer's organisations gives.


def _officer_of_a_and_b(personas):
    officer = personas.privacy_officer
    Membership.objects.create(user=officer, organisation=personas.org_b, role=Role.PRIVACY_OFFICER)
    return officer


def _busy_log(personas):
    """Entries about A, about B, by people of A, of B and of neither, some linked to both."""
    people = [personas.representative, personas.pivot, personas.outsider, personas.researcher]
    for i in range(70):
        person = people[i % len(people)]
        about = [personas.org_a, personas.org_b, None][i % 3]
        outcome = Outcome.DENIED if i % 5 == 0 else Outcome.SUCCESS
        if i % 2:
            record(person, "role.granted", about, organisation=about, outcome=outcome)
        else:
            record(person, "auth.login", outcome=outcome)


def _expected(organisation_ids, **filters):
    """The entries as the page showed them before issue 8: every entry one of the
    organisations' links leads to, filtered, newest first."""
    links = AuditLink.objects.filter(organisation__in=organisation_ids).values("entry")
    return list(
        AuditEntry.objects.filter(pk__in=links, **filters)
        .order_by("-seq")
        .values_list("seq", flat=True)
    )


FILTERS = [
    ({}, {}),
    ({"action": "role.granted"}, {"action": "role.granted"}),
    ({"outcome": "denied"}, {"outcome": "denied"}),
    ({"actor": "PIVOT"}, {"actor__email__icontains": "pivot"}),
    (
        {"action": "auth.login", "outcome": "success"},
        {"action": "auth.login", "outcome": "success"},
    ),
]


@pytest.mark.parametrize(("query", "filters"), FILTERS)
def test_every_page_shows_the_entries_the_links_give_in_order(client, personas, query, filters):
    officer = _officer_of_a_and_b(personas)
    _busy_log(personas)
    login(client, officer)
    scope = {personas.org_a.pk, personas.org_b.pk}
    shown: list[int] = []
    number, pages = 1, 1
    while number <= pages:
        page = client.get(URL, {**query, "page": number}).context["page"]
        # Each reading is logged before the page is read: compare with the log as it was then.
        expected = _expected(scope, **filters)
        assert [e.seq for e in page] == expected[(number - 1) * 50 : number * 50]
        assert page.paginator.count == len(expected)
        shown += [e.seq for e in page]
        pages, number = page.paginator.num_pages, number + 1
    assert len(shown) == len(expected)


def test_choosing_one_organisation_shows_its_entries_only(client, personas):
    officer = _officer_of_a_and_b(personas)
    _busy_log(personas)
    login(client, officer)
    page = client.get(URL, {"organisation": personas.org_b.pk}).context["page"]
    assert [e.seq for e in page] == _expected({personas.org_b.pk})[:50]


def test_dates_filter_by_the_day_of_the_entry(client, personas):
    with time_machine.travel(datetime(2026, 3, 1, 12, tzinfo=UTC)):
        record(personas.pivot, "auth.login")
    with time_machine.travel(datetime(2026, 3, 2, 12, tzinfo=UTC)):
        march_2 = record(personas.pivot, "auth.login")
    with time_machine.travel(datetime(2026, 3, 3, 12, tzinfo=UTC)):
        record(personas.pivot, "auth.login")
    login(client, personas.privacy_officer)
    page = client.get(URL, {"start": "2026-03-02", "end": "2026-03-02"}).context["page"]
    assert [e.seq for e in page] == [march_2.seq]


def test_beyond_the_cap_the_newest_are_shown_and_the_count_says_more(client, personas, monkeypatch):
    monkeypatch.setattr(OrganisationLog, "cap", 5)
    for _ in range(7):
        record(personas.pivot, "auth.login")
    login(client, personas.privacy_officer)
    response = client.get(URL, {"action": "auth.login", "actor": "pivot"})
    page = response.context["page"]
    expected = _expected({personas.org_a.pk}, action="auth.login", actor=personas.pivot)
    assert len(expected) == 7
    assert [e.seq for e in page] == expected[:5]
    assert (page.paginator.count, page.paginator.num_pages) == (5, 1)
    assert "Plus de 5 entrées : les 5 plus récentes sont affichées." in response.content.decode()


def test_up_to_the_cap_the_count_is_exact(client, personas, monkeypatch):
    monkeypatch.setattr(OrganisationLog, "cap", 5)
    for _ in range(5):
        record(personas.pivot, "auth.login")
    login(client, personas.privacy_officer)
    response = client.get(URL, {"action": "auth.login", "actor": "pivot"})
    assert response.context["page"].paginator.count == 5
    assert "5 entrées" in response.content.decode()
    assert "Plus de" not in response.content.decode()


def test_export_holds_the_same_entries_in_the_same_order_past_the_cap(
    client, personas, monkeypatch
):
    monkeypatch.setattr(OrganisationLog, "cap", 5)
    officer = _officer_of_a_and_b(personas)
    _busy_log(personas)
    login(client, officer, reauthenticated=True)
    response = client.get(reverse("audit:export", args=["csv"]), {"action": "role.granted"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    expected = _expected({personas.org_a.pk, personas.org_b.pk}, action="role.granted")
    assert len(expected) > 5
    assert [int(row[0]) for row in rows] == expected
