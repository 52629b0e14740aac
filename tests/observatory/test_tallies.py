"""Monthly tallies: always the counts the observations give, and trends read from them
identical, suppression included, to trends aggregated from the observations themselves."""

import itertools
import threading
import time
from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, Sum

from filet.observatory import stats, tallies
from filet.observatory.actions import change_observation, record_observations
from filet.observatory.generate import Author, generate
from filet.observatory.models import Observation, ObservationTally, ObservationTerm
from filet.taxonomy.models import Term, Vocabulary
from tests.observatory.builders import entry, term

pytestmark = pytest.mark.django_db

M1 = date(2026, 3, 1)
LAST = stats.add_months(M1, 7)


def _counted():
    """Every tally, as the observations give it (what the trends aggregated before)."""
    found = set()
    by_all = Observation.objects.values("month", "sector", "milieu")
    for r in by_all.annotate(y=Sum("youths"), n=Count("pk")).order_by():
        found.add((0, r["month"], r["sector"], r["milieu"], r["y"], r["n"]))
    by_term = ObservationTerm.objects.values("term", "month", "sector", "milieu")
    for r in by_term.annotate(y=Sum("youths"), n=Count("pk")).order_by():
        found.add((r["term"], r["month"], r["sector"], r["milieu"], r["y"], r["n"]))
    return found


def _kept():
    fields = ("category", "month", "sector", "milieu", "youths", "observations")
    return set(ObservationTally.objects.values_list(*fields))


def _aggregated_cube(query, k, terms, category_ids):
    """The cube as stats.py loaded it before tallies: GROUP BY over the observations."""
    cube = stats.Cube(
        k, [t.pk for t in terms[Vocabulary.MILIEU]], [t.pk for t in terms[Vocabulary.SECTOR]]
    )
    period = {"month__gte": query.previous_months[0], "month__lte": query.end}
    everyone = Observation.objects.filter(**period).values("month", "sector", "milieu")
    rows = [
        (0, r["month"], r["sector"], r["milieu"], r["y"], r["n"])
        for r in everyone.annotate(y=Sum("youths"), n=Count("pk")).order_by()
    ]
    by_term = ObservationTerm.objects.filter(term__in=category_ids, **period)
    rows += [
        (r["term"], r["month"], r["sector"], r["milieu"], r["y"], r["n"])
        for r in by_term.values("term", "month", "sector", "milieu")
        .annotate(y=Sum("youths"), n=Count("pk"))
        .order_by()
    ]
    cube.load(rows)
    return cube


@pytest.fixture
def region(personas):
    authors = [Author(personas.pivot, personas.org_a), Author(personas.manager, personas.org_a)]
    generate(authors, first=M1, months=8, per_month=45, seed=17)


def test_generated_tallies_are_the_observations_counts(region):
    assert _kept() == _counted()
    assert len(_kept()) > 500


def test_recording_and_changing_recount_the_cells_they_touch(personas, region):
    school = ("indicator", "school-absence")
    [first, second] = record_observations(
        [entry(month=M1, youths=3, terms=(school,)), entry(month=M1, sector="vanier")],
        by=personas.pivot,
        organisation=personas.org_a,
    )
    assert _kept() == _counted()
    # Another month, sector, milieu, number of youths and terms: both cells move.
    moved = entry(
        month=LAST,
        sector="levis",
        milieu="street",
        youths=2,
        terms=(("indicator", "running-away"), ("platform", "tiktok")),
    )
    change_observation(first, moved, by=personas.pivot, expected_version=1)
    assert _kept() == _counted()
    change_observation(second, entry(month=M1, youths=5), by=personas.pivot, expected_version=1)
    assert _kept() == _counted()


def test_the_first_observations_of_a_cell_create_its_tallies(personas):
    assert _kept() == set()
    record_observations([entry(month=M1, youths=4)], by=personas.pivot, organisation=personas.org_a)
    school = term("indicator", "school-absence").pk
    limoilou, milieu = term("sector", "limoilou").pk, term("milieu", "school").pk
    assert _kept() == {(0, M1, limoilou, milieu, 4, 1), (school, M1, limoilou, milieu, 4, 1)}


def test_generating_into_an_observatory_already_in_use_recounts_everything(personas):
    record_observations([entry(month=M1, youths=4)], by=personas.pivot, organisation=personas.org_a)
    generate([Author(personas.pivot, personas.org_a)], first=M1, months=2, per_month=30, seed=3)
    assert _kept() == _counted()


def test_recount_all_rebuilds_the_tallies(region):
    ObservationTally.objects.filter(category=0).delete()
    ObservationTally.objects.filter(month=M1).update(youths=1)
    assert _kept() != _counted()
    assert tallies.recount_all() == len(_counted())
    assert _kept() == _counted()


def _queries():
    sector = Term.objects.of(Vocabulary.SECTOR).get(code="limoilou").pk
    indicators = list(Term.objects.of(Vocabulary.INDICATOR).values_list("pk", flat=True))
    periods = [(LAST, LAST), (stats.add_months(LAST, -2), LAST), (M1, stats.add_months(M1, 3))]
    for (start, end), vocabulary in itertools.product(
        periods, [Vocabulary.INDICATOR, Vocabulary.PLATFORM, Vocabulary.AGE_BAND]
    ):
        yield stats.Query(start=start, end=end, vocabulary=vocabulary)
    yield stats.Query(start=M1, end=LAST, sector=sector)
    yield stats.Query(start=M1, end=LAST, category=indicators[0], sector=sector)
    yield stats.Query(start=M1, end=LAST, category=indicators[1])
    # A research protocol's scope: some terms, nothing before its first month.
    scope = frozenset(indicators[:3])
    yield stats.Query(start=M1, end=LAST, term_ids=scope, earliest=stats.add_months(M1, 2))


def test_trends_from_tallies_equal_trends_from_the_observations(personas, region, monkeypatch):
    record_observations(
        [entry(month=LAST, youths=2), entry(month=LAST, sector="vanier")],
        by=personas.pivot,
        organisation=personas.org_a,
    )
    cases = [(q, m) for q in _queries() for m in (stats.YOUTHS, stats.OBSERVATIONS)]
    from_tallies = [stats.compute(q, measure=m, k=5) for q, m in cases]
    monkeypatch.setattr(stats, "load_cube", _aggregated_cube)
    from_observations = [stats.compute(q, measure=m, k=5) for q, m in cases]
    assert from_tallies == from_observations
    assert max(t.hidden_cells for t in from_tallies) > 0  # suppression had work to do
    assert all(not 0 < v < 5 for t in from_tallies for v in stats.published_values(t))


def test_two_pivots_changing_one_cell_at_once_are_both_counted(
    transactional_db, personas, monkeypatch
):
    """The second writer's recount waits for the first to commit (the settings row's
    lock), then counts with the first's change in view: no count is left short or stale."""
    first, second = record_observations(
        [entry(month=M1), entry(month=M1)], by=personas.pivot, organisation=personas.org_a
    )
    recounted, second_started = threading.Event(), threading.Event()
    original = tallies.recount
    order = []

    def recount_then_linger(cells):
        original(cells)
        if threading.current_thread().name == "first":
            recounted.set()
            second_started.wait(5)
            time.sleep(0.3)  # the second reaches the lock meanwhile
            order.append("first commits")

    monkeypatch.setattr(tallies, "recount", recount_then_linger)

    def change(name, observation, youths):
        try:
            if name == "second":
                recounted.wait(5)
                second_started.set()
            change_observation(
                observation, entry(month=M1, youths=youths), by=personas.pivot, expected_version=1
            )
            order.append(f"{name} done")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=change, args=(name, observation, youths), name=name)
        for name, observation, youths in (("first", first, 2), ("second", second, 3))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert order == ["first commits", "first done", "second done"]
    limoilou, school = term("sector", "limoilou").pk, term("milieu", "school").pk
    assert (0, M1, limoilou, school, 5, 2) in _kept()
    assert _kept() == _counted()
