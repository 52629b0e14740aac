"""Who to call keeps each place's list of pivots in the cache (issue 8, performance at
provincial scale): every change to what the list holds is seen on the next request, what
depends on the reader (own organisation) and the moment (available now) is worked out on
each request, and a kept list never shows a pivot the page would not show. These tests
commit (transactional database): the cache stores only what is committed."""

from datetime import date, time
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.models import Membership, Role
from filet.pivots import actions, search, whocache
from filet.pivots.models import Designation, PivotContact
from tests.conftest import login, make_person
from tests.pivots.builders import data, designation, territory

pytestmark = pytest.mark.django_db(transaction=True)
URL = reverse("pivots:who_to_call")
API = reverse("api:who_to_call")
TUESDAY_10H = "2026-06-09 10:00 -0400"
WEEKDAYS = [(day, time(9, 0), time(17, 0)) for day in range(5)]


def _person(p, email, organisation=None):
    return make_person(email, organisation or p.org_a, Role.WORKER, mfa=False)


def _hits(client) -> list[tuple[str, bool, bool]]:
    response = client.get(URL, {"territory": territory().pk, "language": "fr"})
    assert response.status_code == 200
    return [
        (h.designation.pivot.email, h.available, h.own) for h in response.context["answer"].hits
    ]


def _refuse_to_list(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("listed again")

    monkeypatch.setattr(search, "candidates", fail)


@pytest.fixture
def two_pivots(personas):
    """Two pivots of organisation A for Limoilou, both within their hours on Tuesday 10h."""
    p = personas
    first = designation(p, pivot=_person(p, "first@test.example"), slots=WEEKDAYS)
    second = designation(p, pivot=_person(p, "second@test.example"), slots=WEEKDAYS)
    return first, second


BOTH = [("first@test.example", True, True), ("second@test.example", True, True)]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_second_request_lists_nothing_again(client, personas, two_pivots, monkeypatch):
    login(client, personas.worker)
    assert _hits(client) == BOTH
    _refuse_to_list(monkeypatch)
    assert _hits(client) == BOTH


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_new_absence_shows_on_the_next_request(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    today = date(2026, 6, 9)
    actions.add_absence(first, by=personas.representative, starts_on=today, ends_on=today)
    assert _hits(client) == [
        ("second@test.example", True, True),
        ("first@test.example", False, True),
    ]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_an_ended_designation_leaves_on_the_next_request(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    before = whocache.GENERATION.current()
    actions.withdraw_designation(first, by=personas.representative)
    assert whocache.GENERATION.current() != before  # not only caught by the check in force
    assert _hits(client) == [("second@test.example", True, True)]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_deactivated_person_leaves_on_the_next_request(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    before = whocache.GENERATION.current()
    first.pivot.is_active = False
    first.pivot.save(update_fields=["is_active"])
    assert whocache.GENERATION.current() != before
    assert _hits(client) == [("second@test.example", True, True)]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_an_ended_pivot_role_leaves_on_the_next_request(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    before = whocache.GENERATION.current()
    role = Membership.objects.get(user=first.pivot, role=Role.PIVOT)
    role.ended_at = timezone.now()
    role.save()
    assert whocache.GENERATION.current() != before
    assert _hits(client) == [("second@test.example", True, True)]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_changed_phone_line_shows_on_the_next_request(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    question = {"territory": territory().pk, "language": "fr"}
    assert "418 555-0199" not in client.get(URL, question).content.decode()
    actions.update_designation(
        first,
        by=personas.representative,
        version=first.version,
        data=data(slots=WEEKDAYS, work_phone="418 555-0199"),
    )
    page = client.get(URL, question).content.decode()
    assert 'href="tel:418 555-0199"' in page
    contact = PivotContact.objects.get(user=first.pivot)
    contact.work_phone = "418 555-0123"
    contact.save()
    page = client.get(URL, question).content.decode()
    assert ('href="tel:418 555-0123"' in page, "418 555-0199" in page) == (True, False)


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_renamed_person_is_shown_and_ranked_by_the_new_name(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    first.pivot.full_name = "Zoé Tremblay"
    first.pivot.save(update_fields=["full_name"])
    assert _hits(client) == [
        ("second@test.example", True, True),
        ("first@test.example", True, True),
    ]
    assert "Zoé Tremblay" in client.get(URL, {"territory": territory().pk}).content.decode()


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_new_designation_and_new_hours_show_on_the_next_request(client, personas, two_pivots):
    first, _second = two_pivots
    p = personas
    login(client, p.worker)
    assert _hits(client) == BOTH
    designation(p, pivot=_person(p, "aaron@test.example"), slots=WEEKDAYS)
    actions.update_designation(
        first, by=p.representative, version=first.version, data=data(slots=[(0, time(9), time(10))])
    )
    assert _hits(client) == [
        ("aaron@test.example", True, True),
        ("second@test.example", True, True),
        ("first@test.example", False, True),
    ]


def test_availability_follows_the_hour_from_the_same_list(
    client, personas, two_pivots, monkeypatch
):
    login(client, personas.worker)
    with time_machine.travel("2026-06-09 16:59 -0400", tick=False):
        assert _hits(client) == BOTH
    _refuse_to_list(monkeypatch)
    with time_machine.travel("2026-06-09 17:00 -0400", tick=False):
        assert _hits(client) == [
            ("first@test.example", False, True),
            ("second@test.example", False, True),
        ]


def test_a_designation_that_ends_today_is_gone_after_midnight_without_any_write(client, personas):
    p = personas
    evening = [(1, time(18, 0), time(23, 59)), (2, time(0, 0), time(8, 0))]
    with time_machine.travel("2026-06-09 23:50 -0400", tick=False):
        designation(p, pivot=_person(p, "ending@test.example"), slots=evening,
                    valid_until=date(2026, 6, 9))  # fmt: skip
        designation(p, pivot=_person(p, "staying@test.example"), slots=evening)
        login(client, p.worker)
        assert _hits(client) == [
            ("ending@test.example", True, True),
            ("staying@test.example", True, True),
        ]
    with time_machine.travel("2026-06-10 00:10 -0400", tick=False):
        assert _hits(client) == [("staying@test.example", True, True)]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_each_reader_gets_their_own_organisation_first_from_the_same_list(
    client, personas, monkeypatch
):
    p = personas
    designation(p, pivot=_person(p, "a@test.example"), slots=WEEKDAYS)
    actions.designate(
        p.org_b, by=p.outsider, pivot=_person(p, "b@test.example", p.org_b),
        data=data(slots=WEEKDAYS),
    )  # fmt: skip
    login(client, p.worker)
    assert _hits(client) == [("a@test.example", True, True), ("b@test.example", True, False)]
    _refuse_to_list(monkeypatch)
    login(client, p.outsider)
    assert _hits(client) == [("b@test.example", True, True), ("a@test.example", True, False)]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_a_kept_list_never_shows_a_pivot_no_longer_in_force(client, personas, two_pivots):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    # A write that reaches no signal: the kept list still names the pivot.
    Designation.objects.filter(pk=first.pk).update(withdrawn_at=timezone.now())
    assert _hits(client) == [("second@test.example", True, True)]
    api = client.get(API, {"territory": territory().pk, "language": "fr"}).json()
    assert [h["designation"]["id"] for h in api["hits"]] == [_second.pk]


@time_machine.travel(TUESDAY_10H, tick=False)
def test_an_uncommitted_change_is_neither_read_from_nor_stored_in_the_cache(
    client, personas, two_pivots
):
    first, _second = two_pivots
    login(client, personas.worker)
    assert _hits(client) == BOTH
    question = search.Question(territory=territory(), language="fr")
    ids = personas.worker.organisation_ids()
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.withdraw_designation(first, by=personas.representative)
        inside = whocache.find(question, organisation_ids=ids)
        assert [h.designation.pk for h in inside.hits] == [_second.pk]
        raise RuntimeError("rolled back")
    assert _hits(client) == BOTH


def test_a_sign_in_does_not_invalidate_a_rename_does(personas):
    user = personas.pivot
    before = whocache.GENERATION.current()
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    assert whocache.GENERATION.current() == before
    user.full_name = "Renamed Person"
    user.save(update_fields=["full_name"])
    after = whocache.GENERATION.current()
    assert after != before


def test_the_generation_changes_only_once_the_transaction_commits(personas):
    before = whocache.GENERATION.current()
    with transaction.atomic():
        designation(personas)
        assert whocache.GENERATION.current() == before
    assert whocache.GENERATION.current() != before


@time_machine.travel(TUESDAY_10H, tick=False)
def test_the_api_answers_from_the_same_list_and_sees_changes(client, personas, two_pivots):
    first, second = two_pivots
    login(client, personas.worker)
    question = {"territory": territory().pk, "language": "fr"}

    def api() -> list[tuple[int, bool, bool]]:
        answer = client.get(API, question).json()
        return [(h["designation"]["id"], h["available"], h["own"]) for h in answer["hits"]]

    assert api() == [(first.pk, True, True), (second.pk, True, True)]
    actions.add_absence(
        second, by=personas.representative, starts_on=date(2026, 6, 8), ends_on=date(2026, 6, 12)
    )
    assert api() == [(first.pk, True, True), (second.pk, False, True)]
    actions.update_designation(
        first, by=personas.representative, version=first.version,
        data=data(slots=WEEKDAYS, work_phone="418 555-0177"),
    )  # fmt: skip
    assert client.get(API, question).json()["hits"][0]["designation"]["work_phone"] == (
        "418 555-0177"
    )


def _answer(answer: search.Answer) -> tuple:
    def hits(found: list[search.Hit]) -> list[tuple]:
        return [
            (h.designation.pk, h.designation.pivot.email, h.designation.organisation.name_fr,
             h.available, h.own, h.in_milieu, h.work_phone, h.work_email,
             [s.pk for s in h.stages], [t.pk for t in h.territories],
             [s.pk for s in h.designation.stages.all()],
             [m.pk for m in h.designation.milieux.all()])
            for h in found
        ]  # fmt: skip

    return answer.why, hits(answer.hits), hits(answer.closest), [o.pk for o in answer.fallback]


def test_the_kept_lists_answer_as_a_search_afresh_for_every_reader(monkeypatch):
    call_command("generate", "--scale", "tiny", stdout=StringIO())
    monkeypatch.setattr(search, "MAX_RESULTS", 2)  # the cuts at 2 and 4 are reached
    readers = [
        Membership.objects.filter(role=role).select_related("user")[0].user
        for role in (Role.WORKER, Role.PIVOT, Role.REPRESENTATIVE, Role.COORDINATOR)
    ]
    questions = [
        search.Question(territory=place, language=language, stage=stage)
        for place in Territory.objects.filter(designations__isnull=False).distinct()
        for language in ("", "fr", "en")
        for stage in (None, Stage.objects.first())
    ]
    assert len(questions) >= 12
    answered = 0
    for question in questions:
        for reader in readers:
            ids = reader.organisation_ids()
            expected = _answer(search.find(question, organisation_ids=ids))
            answered += len(expected[1]) == 2
            assert _answer(whocache.find(question, organisation_ids=ids)) == expected
            assert _answer(whocache.find(question, organisation_ids=ids)) == expected  # kept
    assert answered >= 12  # many questions fill the page: the cuts are exercised
