from datetime import date

import pytest
import time_machine
from django.urls import reverse

from filet.matrix.models import Cell
from filet.organisations.actions import revoke_role
from filet.organisations.models import Membership, Role
from filet.pivots.models import Level
from tests.conftest import login, make_person
from tests.pivots.builders import designation, mandate, stage, territory

pytestmark = pytest.mark.django_db


def _gaps(client, user):
    login(client, user)
    response = client.get(reverse("pivots:board"))
    assert response.status_code == 200
    return [
        (g.kind, g.label, g.missing)
        for b in response.context["board"].organisations
        for g in b.gaps
    ]


def test_a_representative_sees_a_gap_the_moment_their_only_pivot_for_a_stage_leaves(
    client, personas
):
    p = personas
    Cell.objects.create(stage=stage("prevention"), organisation=p.org_a, responsibility="lead")
    backup = make_person("backup@test.example", p.org_a, Role.WORKER)
    designation(p, stages=[stage("prevention")])
    designation(p, pivot=backup, level=Level.BACKUP, stages=[stage("prevention")])
    assert _gaps(client, p.representative) == []

    revoke_role(Membership.objects.get(user=p.pivot, role=Role.PIVOT), by=p.representative)
    assert _gaps(client, p.representative) == []  # the backup still covers it, alone
    revoke_role(Membership.objects.get(user=backup, role=Role.PIVOT), by=p.representative)

    assert _gaps(client, p.representative) == [
        ("stage", "Prévention", "pivot"),
        ("territory", "Limoilou", "pivot"),
    ]


def test_a_stage_with_only_a_primary_lacks_a_backup(client, personas):
    p = personas
    designation(p, stages=[stage("prevention")], territories=[territory("limoilou")])
    assert _gaps(client, p.representative) == [
        ("stage", "Prévention", "backup"),
        ("territory", "Limoilou", "backup"),
    ]


def test_board_lists_expiring_and_unacknowledged(client, personas):
    p = personas
    made = designation(p, valid_until=date(2099, 1, 1))
    mandate(p)
    login(client, p.representative)
    response = client.get(reverse("pivots:board"))
    board = response.context["board"].organisations[0]
    assert board.organisation == p.org_a
    assert board.designations == [made]
    assert board.unacknowledged == [p.pivot]
    assert board.expiring == []


def test_the_coordinator_sees_every_organisation_and_b_sees_only_b(client, personas):
    p = personas
    designation(p)
    login(client, p.coordinator)
    names = [
        b.organisation for b in client.get(reverse("pivots:board")).context["board"].organisations
    ]
    assert names == [p.org_a]
    login(client, p.outsider)
    outsider_view = client.get(reverse("pivots:board")).context["board"]
    assert [b.organisation for b in outsider_view.organisations] == [p.org_b]
    assert outsider_view.organisations[0].designations == []


@pytest.mark.parametrize("who", ["pivot", "worker", "manager"])
def test_others_get_404(client, personas, who):
    login(client, personas.by_name(who))
    assert client.get(reverse("pivots:board")).status_code == 404


def _grow(p, count):
    for n in range(count):
        person = make_person(f"p{n}-{count}@test.example", p.org_a, Role.WORKER, mfa=False)
        designation(p, pivot=person, stages=[stage("prevention"), stage("detection")])


@pytest.mark.parametrize("size", [2, 12])
def test_query_count_does_not_grow(client, personas, django_assert_max_num_queries, size):
    p = personas
    _grow(p, size)
    mandate(p)
    login(client, p.coordinator)
    with django_assert_max_num_queries(19):
        assert client.get(reverse("pivots:board")).status_code == 200


def test_the_coordinator_opens_one_organisation_in_full_but_cannot_act(client, personas):
    p = personas
    made = designation(p)
    login(client, p.coordinator)
    response = client.get(reverse("pivots:board"), {"organisation": p.org_a.pk})
    assert response.context["board"].organisations[0].designations == [made]
    assert (response.context["table_wide"], response.context["can_act"]) == (False, False)
    assert reverse("pivots:designate", args=[p.org_a.pk]) not in response.content.decode()
    summary = client.get(reverse("pivots:board")).content.decode()
    assert f'href="?organisation={p.org_a.pk}"' in summary


@time_machine.travel("2026-01-10 12:00 -0500", tick=False)
def test_the_summary_line_counts_each_column_exactly(client, personas):
    p = personas
    Cell.objects.create(stage=stage("detection"), organisation=p.org_a, responsibility="lead")
    designation(p, stages=[stage("prevention")], valid_until=date(2026, 1, 20))
    leaver = make_person("leaver@test.example", p.org_a, Role.WORKER, Role.PIVOT)
    designation(p, pivot=leaver, stages=[stage("prevention")])
    revoke_role(Membership.objects.get(user=leaver, role=Role.PIVOT), by=p.representative)
    mandate(p)
    login(client, p.coordinator)
    body = client.get(reverse("pivots:board")).content.decode()
    # In force 1; no pivot for detection; no backup for prevention and Limoilou; one
    # lapsed; expiring 1; confirmed today, so none to confirm; the pivot has not acknowledged.
    assert (
        f'<tr><th scope="row"><a href="?organisation={p.org_a.pk}">{p.org_a.name_fr}</a></th>'
        "<td>1</td><td>1</td><td>2</td><td>1</td><td>1</td><td>0</td><td>1</td></tr>"
    ) in body
