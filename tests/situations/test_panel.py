"""The home page's safety-net panel counts what waits for the person, in their situations
only: an invitation to answer, an overdue action, a review past its date."""

import pytest
import time_machine
from django.urls import reverse

from filet.situations import actions
from filet.situations.panels import panel_for
from tests.conftest import login
from tests.situations.builders import action_of, partner

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-03-02 10:00 -0500", tick=False)
def test_the_panel_counts_the_persons_own_net(net):
    p = net.p
    action_of(net.situation, p.pivot, organisation=p.org_a, person=p.pivot, due_on="2026-02-20")
    d = partner("D")
    actions.invite(net.situation, by=p.pivot, designation=d.designation)
    assert panel_for(p.pivot)["counts"] == {"open": 1, "invited": 0, "overdue": 1, "review": 0}
    assert panel_for(d.pivot)["counts"] == {"open": 1, "invited": 1, "overdue": 1, "review": 0}
    # An uninvolved pivot counts nothing of it.
    assert panel_for(net.pivot_b)["counts"] == {
        "open": 0, "invited": 0, "overdue": 0, "review": 0,
    }  # fmt: skip
    # Those who see counts only have no panel.
    assert panel_for(p.coordinator) is None


@time_machine.travel("2026-03-02 10:00 -0500", tick=False)
def test_the_home_page_shows_it(client, net):
    login(client, net.p.pivot)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert 'id="panel-situations"' in page
    assert reverse("situations:watch") in page
