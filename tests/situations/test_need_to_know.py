"""Only the people invited and the representatives of the organisations taking part see a
situation; for everyone else it does not exist (404), on every page under it."""

import pytest
from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry, AuditLink
from filet.situations import actions
from filet.situations.models import Situation
from tests.conftest import login
from tests.situations.builders import action_of

pytestmark = pytest.mark.django_db

UNDER = [
    ("situations:detail", "get"),
    ("situations:edit", "get"),
    ("situations:edit", "post"),
    ("situations:close", "get"),
    ("situations:invite", "get"),
    ("situations:respond", "post"),
    ("situations:leave", "get"),
    ("situations:action_add", "get"),
    ("situations:note_add", "post"),
    ("situations:status", "post"),
    ("situations:reopen", "post"),
]


def _answer(user, name: str, method: str, code: str) -> int:
    client = login(Client(), user)
    url = reverse(name, kwargs={"code": code})
    return getattr(client, method)(url, {}).status_code


@pytest.mark.parametrize(("name", "method"), UNDER)
def test_people_outside_the_situation_get_404_everywhere_under_it(net, name, method):
    p = net.p
    outsiders = [net.pivot_b, p.outsider, p.worker, p.manager, p.coordinator, p.researcher,
                 p.privacy_officer]  # fmt: skip
    version = Situation.objects.get().version
    assert {u.email: _answer(u, name, method, net.situation.code) for u in outsiders} == {
        u.email: 404 for u in outsiders
    }
    assert Situation.objects.get().version == version


def test_the_refusal_is_audited_and_says_nothing_more(net):
    client = login(Client(), net.pivot_b)
    response = client.get(net.situation.get_absolute_url())
    assert response.status_code == 404
    assert net.situation.summary not in response.content.decode()
    denied = AuditEntry.objects.filter(action="access.denied", actor=net.pivot_b).get()
    assert denied.data["kind"] == "situation"


def test_participants_and_representatives_of_taking_part_organisations_see_it(net):
    p, c = net.p, net.c
    for user in (p.pivot, p.representative, c.pivot, c.representative):
        assert _answer(user, "situations:detail", "get", net.situation.code) == 200


def test_a_missing_code_answers_like_a_hidden_one(net):
    assert _answer(net.p.pivot, "situations:detail", "get", "QC-1999-0001") == 404


def test_lists_and_watch_lists_of_outsiders_hold_none_of_it(net):
    action_of(net.situation, net.p.pivot, organisation=net.p.org_a)
    code = net.situation.code
    for user in (net.pivot_b, net.p.outsider, net.p.worker):
        client = login(Client(), user)
        for name in ("situations:list", "situations:watch"):
            response = client.get(reverse(name))
            assert response.status_code == 200
            assert code not in response.content.decode()
    client = login(Client(), net.c.representative)
    assert code in client.get(reverse("situations:watch")).content.decode()


def test_leaving_takes_effect_on_the_next_request(net):
    client = login(Client(), net.c.pivot)
    assert client.get(net.situation.get_absolute_url()).status_code == 200
    actions.leave(net.situation, by=net.c.pivot, reason="Suivi terminé de notre côté.")
    assert client.get(net.situation.get_absolute_url()).status_code == 404
    # C no longer takes part: its representative loses it too.
    rep = login(Client(), net.c.representative)
    assert rep.get(net.situation.get_absolute_url()).status_code == 404


def test_a_declined_invitation_closes_the_door(net):
    invited = actions.invite(net.situation, by=net.p.pivot, designation=_designation_b())
    client = login(Client(), net.pivot_b)
    assert client.get(net.situation.get_absolute_url()).status_code == 200
    assert client.post(reverse("situations:edit", args=[net.situation.code]), {}).status_code == 403
    actions.respond(invited, by=net.pivot_b, accept=False, reason="Hors de notre territoire.")
    assert client.get(net.situation.get_absolute_url()).status_code == 404


def test_each_view_is_audited_for_every_organisation_taking_part(net):
    login(Client(), net.p.representative).get(net.situation.get_absolute_url())
    entry = AuditEntry.objects.filter(action="situation.viewed").get()
    assert entry.actor == net.p.representative
    linked = set(AuditLink.objects.filter(entry=entry).values_list("organisation", flat=True))
    assert linked == {net.p.org_a.pk, net.c.organisation.pk}


def test_counts_only_for_the_coordinator_managers_and_researchers(net):
    for user in (net.p.coordinator, net.p.manager, net.p.researcher):
        response = login(Client(), user).get(reverse("situations:counts"))
        assert response.status_code == 200
        assert net.situation.code not in response.content.decode()


def _designation_b():
    from filet.pivots.models import Designation

    return Designation.objects.get(organisation__name_fr="Organisme B")
