"""Bench and demo observations; the home-page panel."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from filet.observatory import generate as generator
from filet.observatory.generate import Author, generate
from filet.observatory.models import (
    Observation,
    ObservationRevision,
    ObservationTerm,
    ObservatorySettings,
)
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


def _rows():
    observations = list(
        Observation.objects.order_by("pk").values_list(
            "organisation",
            "author",
            "month",
            "sector",
            "milieu",
            "source",
            "confidence",
            "youths",
            "note",
            "version",
            "created_at",
            "taxonomy_version",
        )
    )
    terms = list(
        ObservationTerm.objects.order_by("observation", "term").values_list(
            "observation__created_at", "term", "month", "sector", "milieu", "youths"
        )
    )
    revisions = list(
        ObservationRevision.objects.order_by("observation").values_list(
            "number", "snapshot", "saved_by", "saved_at"
        )
    )
    return observations, terms, revisions


def test_generated_observations_are_as_recording_leaves_them(personas):
    """Each has its first revision (its snapshot as an edit would write it) and its terms
    with the observation's month, sector, milieu and youths copied in."""
    authors = [Author(personas.pivot, personas.org_a)]
    version_before = ObservatorySettings.load().data_version
    written = generate(authors, first=date(2025, 1, 1), months=3, per_month=30, seed=11)
    observations = Observation.objects.prefetch_related("terms", "revisions")
    assert written == observations.count() > 60
    for saved in observations.select_related(
        "sector", "milieu", "source", "confidence", "taxonomy_version"
    ):
        [revision] = saved.revisions.all()
        assert (revision.number, revision.saved_by_id) == (1, personas.pivot.pk)
        assert revision.snapshot == saved.as_snapshot()
        assert revision.saved_at == saved.created_at == saved.updated_at
        assert saved.month.day == 1 and 1 <= saved.youths <= 4
        assert saved.terms.count() >= 3  # an indicator, an age band, an action
    copied = ObservationTerm.objects.values_list(
        "month",
        "sector",
        "milieu",
        "youths",
        "observation__month",
        "observation__sector",
        "observation__milieu",
        "observation__youths",
    )
    assert all(row[:4] == row[4:] for row in copied)
    assert ObservatorySettings.load().data_version == version_before + 1


def _schema() -> list[tuple[str, str]]:
    """The observations' tables' constraints and indexes, as the database describes them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text LIKE 'observatory_observation%%' "
                "UNION ALL SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) "
                "FROM pg_index WHERE indrelid::regclass::text LIKE 'observatory_observation%%' "
                "ORDER BY 1, 2"
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE tbl_name LIKE 'observatory_observation%%' AND sql IS NOT NULL "
                "ORDER BY 1, 2"
            )
        return cursor.fetchall()


def test_a_large_load_gives_the_same_rows_and_keeps_every_constraint(personas, monkeypatch):
    """Above SET_ASIDE_FROM the foreign keys and indexes are set aside during the load (on
    PostgreSQL; SQLite loads row batches with them in place): the rows are the same and
    every constraint and index is back, validated."""
    before = _schema()
    authors = [
        Author(personas.pivot, personas.org_a),
        Author(personas.representative, personas.org_a),
    ]
    generate(authors, first=date(2025, 1, 1), months=2, per_month=20, seed=5)
    small = _rows()
    Observation.objects.all().delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The test's transaction still holds the checks of the rows just written; a
            # generating command starts its own transaction with none pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    monkeypatch.setattr(generator, "SET_ASIDE_FROM", 1)
    generate(authors, first=date(2025, 1, 1), months=2, per_month=20, seed=5)
    assert _rows() == small
    assert _schema() == before
    foreign_key = "FOREIGN KEY (term_id)" if connection.vendor == "postgresql" else "REFERENCES"
    assert any("term_id" in d and foreign_key in d for _name, d in before)


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
