"""Bench and demo observations; the home-page panel."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from filet.observatory.models import Observation, ObservationRevision, ObservationTerm
from tests.conftest import login
from tests.observatory.builders import observation

pytestmark = pytest.mark.django_db


def test_generate_observations_writes_deterministic_rows(personas, capsys):
    call_command("generate_observations", "--years", "1", "--per-month", "5", "--seed", "3")
    first = list(Observation.objects.order_by("pk").values_list("month", "sector__code", "youths"))
    assert len(first) == Observation.objects.count() == ObservationRevision.objects.count()
    assert ObservationTerm.objects.count() > len(first)
    assert "generate_observations:" in capsys.readouterr().out
    Observation.objects.all().delete()
    call_command("generate_observations", "--years", "1", "--per-month", "5", "--seed", "3")
    again = list(Observation.objects.order_by("pk").values_list("month", "sector__code", "youths"))
    assert again == first


@pytest.mark.parametrize("args", [["--years", "0"], ["--per-month", "0"]])
def test_generate_observations_refuses_bad_sizes(personas, args):
    with pytest.raises(CommandError):
        call_command("generate_observations", *args)


def test_generate_observations_needs_pivots(db):
    with pytest.raises(CommandError):
        call_command("generate_observations", "--years", "1")


def test_seed_demo_loads_two_years_and_a_protocol(db):
    from filet.observatory.models import ResearchProtocol

    call_command("seed_demo")
    months = Observation.objects.dates("month", "month")
    assert len(months) == 24
    assert Observation.objects.values("organisation").distinct().count() == 7
    assert ResearchProtocol.objects.get().is_in_force


def test_home_panel_for_a_pivot_lists_their_last_observations(
    client, personas, django_assert_max_num_queries
):
    mine = observation(personas)
    login(client, personas.pivot)
    response = client.get(reverse("dashboard:home"))
    assert response.context["observatory"]["latest"] == [mine]
    assert reverse("observatory:create") in response.content.decode()


def test_home_panel_for_the_coordinator_has_a_trend_highlight(client, personas):
    login(client, personas.coordinator)
    response = client.get(reverse("dashboard:home"))
    panel = response.context["observatory"]
    assert (panel["pivot"], panel["emerging"], panel["timeline"].total) == (False, [], 0)


def test_no_panel_for_a_worker(client, personas):
    login(client, personas.worker)
    assert client.get(reverse("dashboard:home")).context["observatory"] is None
