"""My safety net reads only what it shows of each row: the page must still show all of it,
in both languages, at a cost that does not grow with the rows; and someone who sees no
situation gets the five sections, empty."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from filet.situations import actions
from filet.situations.watch import KEYS, net_for
from tests.conftest import login
from tests.situations.builders import action_of, joined, open_situation, partner

pytestmark = pytest.mark.django_db


def _late_actions(net, count: int) -> None:
    for n in range(count):
        action_of(net.situation, net.p.pivot, organisation=net.c.organisation,
                  person=net.c.pivot, title=f"Appeler l'école {n}",
                  due_on=timezone.localdate() - timedelta(days=2))  # fmt: skip


def _page(client: Client, language: str) -> tuple[str, int]:
    client.cookies["django_language"] = language
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("situations:watch"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize(
    ("language", "organisation"), [("fr", "Organisme C"), ("en", "Organisation C")]
)
def test_rows_show_everything_and_cost_the_same_whatever_their_number(net, language, organisation):
    situation = net.situation
    actions.leave(situation, by=net.c.pivot, reason="Fin de notre mandat.")
    _late_actions(net, 1)
    client = login(Client(), net.p.pivot)
    _page(client, language)  # the session's first request writes more
    body, queries = _page(client, language)
    assert body.count(organisation) == 2  # the late action's and the departure's
    assert body.count(net.c.pivot.full_name) == 2
    assert (
        body.count(f'href="{situation.get_absolute_url()}"') == 4
    )  # overdue, alone, no lead, left
    assert "Appeler l&#x27;école 0" in body
    _late_actions(net, 4)
    body, more = _page(client, language)
    assert (more, body.count(organisation)) == (queries, 6)


def test_someone_who_sees_no_situation_gets_five_empty_sections(net):
    sections = net_for(net.p.outsider, timezone.localdate())
    assert [(s.key, s.rows, s.total) for s in sections] == [(key, [], 0) for key in KEYS]
    assert KEYS == ("overdue", "review", "alone", "no_lead", "left")


def test_review_section_shows_the_planned_date(personas):
    p = personas
    situation = open_situation(p)
    joined(situation, p.pivot, partner("C"))
    situation.refresh_from_db()
    day = timezone.localdate() - timedelta(days=1)
    data = actions.data_of(situation, next_review_on=day)
    actions.change_situation(situation, by=p.pivot, version=situation.version, data=data)
    client = login(Client(), p.pivot)
    body, _queries = _page(client, "en")
    assert f"review planned {day:%Y-%m-%d}" in body or f"review planned {day:%m/%d/%Y}" in body
