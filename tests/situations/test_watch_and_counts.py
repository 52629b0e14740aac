"""My safety net shows the right people what is late, and nothing to anyone else; the
counts page suppresses small cells."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from filet.situations import actions, indicators
from tests.conftest import login
from tests.situations.builders import action_of, joined, open_situation, partner

pytestmark = pytest.mark.django_db


def _watch(user) -> dict[str, list]:
    response = login(Client(), user).get(reverse("situations:watch"))
    assert response.status_code == 200
    return {s.key: s.rows for s in response.context["sections"]}


def test_an_overdue_action_shows_on_the_watch_lists_of_those_involved(net):
    p, c = net.p, net.c
    late = action_of(net.situation, p.pivot, organisation=c.organisation, person=c.pivot,
                     due_on=timezone.localdate() - timedelta(days=2))  # fmt: skip
    for user in (p.pivot, p.representative, c.pivot, c.representative):
        assert _watch(user)["overdue"] == [late]
    for user in (net.pivot_b, p.outsider, p.worker):
        assert _watch(user)["overdue"] == []


def test_sections_alone_no_lead_review_and_left(personas):
    p = personas
    alone = open_situation(p)
    gathered = open_situation(p)
    c = partner("C")
    joined(gathered, p.pivot, c)
    data = actions.data_of(gathered, lead_organisation=p.org_a,
                           next_review_on=timezone.localdate() - timedelta(days=1))  # fmt: skip
    gathered.refresh_from_db()  # the first acceptance made it active: a new version
    actions.change_situation(gathered, by=p.pivot, version=gathered.version, data=data)
    actions.leave(gathered, by=c.pivot, reason="Fin de notre mandat.")
    sections = _watch(p.pivot)
    assert [s.pk for s in sections["alone"]] == [alone.pk, gathered.pk]
    assert [s.pk for s in sections["no_lead"]] == [alone.pk]
    assert [s.pk for s in sections["review"]] == [gathered.pk]
    assert [row.person for row in sections["left"]] == [c.pivot]


def test_the_watch_list_costs_a_constant_number_of_queries(personas, django_assert_max_num_queries):
    p = personas
    client = login(Client(), p.pivot)
    client.get(reverse("situations:watch"))
    for _ in range(5):
        situation = open_situation(p)
        action_of(situation, p.pivot, organisation=p.org_a, due_on="2020-01-01")
    with django_assert_max_num_queries(30):
        client.get(reverse("situations:watch"))


def test_counts_hide_small_cells(net):
    response = login(Client(), net.p.coordinator).get(reverse("situations:counts"))
    status = dict(response.context["status"].rows)
    assert set(status.values()) == {None, 0}
    assert response.context["status"].total is None
    assert "&lt; 5" in response.content.decode()


def test_counts_show_cells_at_or_above_k(personas):
    for _ in range(5):
        open_situation(personas)
    response = login(Client(), personas.manager).get(reverse("situations:counts"))
    rows = {str(label): n for label, n in response.context["status"].rows}
    assert rows["Ouverte"] == 5
    assert response.context["status"].total == 5


def test_indicators_for_management_reports(personas):
    p = personas
    with time_machine.travel("2026-02-10 10:00 -0500", tick=False):
        first = open_situation(p)
        action_of(first, p.pivot, organisation=p.org_a, due_on="2026-02-11")
        second = open_situation(p)
        actions.close_situation(second, by=p.pivot, outcome="safer")
    with time_machine.travel("2026-03-01 10:00 -0500", tick=False):
        found = indicators.for_organisation(p.org_a.pk, date(2026, 2, 1), date(2026, 3, 1))
    assert (found.opened, found.alone, found.overdue_actions) == (2, 1, 1)
    assert found.outcomes["safer"] == 1 and sum(found.outcomes.values()) == 1
