import pytest
from django.urls import reverse
from django.utils import timezone

from filet.matrix.models import Cell
from filet.organisations.models import Membership
from filet.organisations.roles import Role
from filet.pivots.panels import panel_for
from tests.conftest import login
from tests.pivots.builders import designation, mandate, stage

pytestmark = pytest.mark.django_db


def test_a_pivot_is_asked_to_acknowledge_and_to_log(client, personas):
    mandate(personas)
    login(client, personas.pivot)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("pivots:mandate") in content
    assert reverse("pivots:activity_create") in content


def test_a_representative_sees_stage_gaps_in_three_queries(personas, django_assert_max_num_queries):
    p = personas
    Cell.objects.create(stage=stage("prevention"), organisation=p.org_a, responsibility="lead")
    Cell.objects.create(
        stage=stage("detection"), organisation=p.org_a, responsibility="contributes"
    )
    designation(p, stages=[stage("prevention")])
    user = type(p.representative).objects.get(pk=p.representative.pk)
    user.active_memberships  # noqa: B018 — loaded once per request by the middleware
    with django_assert_max_num_queries(3):
        panel = panel_for(user)
    assert panel["gaps"] == [
        {"stage": "Détection et dépistage", "missing": "pivot"},
        {"stage": "Prévention", "missing": "backup"},
    ]


def test_no_panel_for_the_administrator(personas):
    assert panel_for(personas.administrator) is None


def test_a_designation_no_longer_in_force_leaves_its_stage_without_a_pivot(personas):
    """The panel's uncorrelated IN over the organisations' designations in force answers
    as the EXISTS per row did: the pivot's role ended, the stage has no pivot."""
    p = personas
    designation(p, stages=[stage("prevention")])

    def gaps() -> list[dict[str, str]]:
        return panel_for(type(p.representative).objects.get(pk=p.representative.pk))["gaps"]

    assert gaps() == [{"stage": "Prévention", "missing": "backup"}]
    Membership.objects.filter(user=p.pivot, role=Role.PIVOT).update(ended_at=timezone.now())
    assert gaps() == [{"stage": "Prévention", "missing": "pivot"}]
