"""The trends' aggregates: suppression on real data, and the differencing attacks across two
views that complementary suppression must defeat."""

import itertools
from datetime import date

import pytest

from filet.observatory import stats
from filet.observatory.actions import record_observations
from filet.observatory.generate import Author, generate
from filet.observatory.stats import Query, build, published_values
from filet.taxonomy.models import Term, Vocabulary
from tests.observatory.builders import entry, term

pytestmark = pytest.mark.django_db

M1, M2 = date(2026, 3, 1), date(2026, 4, 1)
K = 5
X = ("indicator", "school-absence")
Y = ("indicator", "running-away")


def _record(personas, count, **kwargs):
    record_observations(
        [entry(**kwargs) for _ in range(count)], by=personas.pivot, organisation=personas.org_a
    )


def _row(rows, code):
    return next(row for row in rows if row.term is not None and row.term.code == code)


def _is_small(value):
    return value is not None and 0 < value < K


def test_counts_youths_and_observations_by_month_category_sector_and_milieu(personas):
    _record(personas, 6, month=M1, youths=2, terms=(X,))
    _record(personas, 5, month=M1, sector="vanier", milieu="street", terms=(X, Y))
    trends = build(Query(start=M1, end=M1))
    assert trends.timeline.values == [17]
    assert _row(trends.by_category, "school-absence").values == [17]
    assert _row(trends.by_category, "running-away").values == [5]
    assert _row(trends.by_sector, "limoilou").values == [12]
    assert _row(trends.by_sector, "vanier").values == [5]
    assert _row(trends.by_milieu, "school").values == [12]
    by_observations = build(Query(start=M1, end=M1), measure=stats.OBSERVATIONS)
    assert by_observations.timeline.values == [11]
    assert _row(by_observations.by_sector, "limoilou").values == [6]


def test_a_small_count_is_suppressed_with_its_complement(personas):
    _record(personas, 10, month=M1, terms=(X,))
    _record(personas, 3, month=M1, sector="vanier", terms=(X,))
    trends = build(Query(start=M1, end=M1, category=term(*X).pk))
    assert _row(trends.by_sector, "vanier").values == [None]
    # Limoilou alone would be the total minus Vanier: it is hidden as well.
    assert _row(trends.by_sector, "limoilou").values == [None]
    assert trends.timeline.values == [13]


def test_differencing_attack_with_and_without_a_category_filter(personas):
    """By-sector view of every observation minus the same view filtered to X would give
    the observations without X: here 2 in Limoilou. The filtered cell is suppressed."""
    _record(personas, 6, month=M1, terms=(X,))
    _record(personas, 2, month=M1, terms=(Y,))
    _record(personas, 10, month=M1, sector="saint-roch", terms=(X,))
    everyone = build(Query(start=M1, end=M1))
    filtered = build(Query(start=M1, end=M1, category=term(*X).pk))
    assert _row(everyone.by_sector, "limoilou").values == [8]
    assert _row(filtered.by_sector, "limoilou").values == [None]
    for a, b in zip(everyone.by_sector, filtered.by_sector, strict=True):
        for va, vb in zip(a.values, b.values, strict=True):
            assert va is None or vb is None or not _is_small(va - vb)


def test_differencing_attack_with_and_without_a_sector_filter(personas):
    """By-category for the whole region minus by-category for Limoilou would give the
    other sectors: here 3 in Vanier. One of the two is suppressed."""
    _record(personas, 10, month=M1, terms=(X,))
    _record(personas, 3, month=M1, sector="vanier", terms=(X,))
    region = build(Query(start=M1, end=M1))
    limoilou = build(Query(start=M1, end=M1, sector=term(Vocabulary.SECTOR, "limoilou").pk))
    assert _row(region.by_category, "school-absence").values == [13]
    assert _row(limoilou.by_category, "school-absence").values == [None]


def test_differencing_attack_across_overlapping_periods(personas):
    """Two periods that differ by one month would give that month: a period total is
    suppressed as soon as one of its months is."""
    _record(personas, 10, month=M1, terms=(X,))
    _record(personas, 3, month=M2, terms=(X,))
    one = build(Query(start=M1, end=M1))
    two = build(Query(start=M1, end=M2))
    assert _row(one.by_category, "school-absence").total == 10
    assert _row(two.by_category, "school-absence").values == [10, None]
    assert _row(two.by_category, "school-absence").total is None


@pytest.fixture
def region(personas):
    authors = [Author(personas.pivot, personas.org_a)]
    generate(authors, first=M1, months=4, per_month=40, seed=7)
    return [M1, stats.add_months(M1, 3)]


def _views(start, end):
    codes = ["limoilou", "saint-roch", "vanier", "levis"]
    sectors = [
        None,
        *Term.objects.filter(code__in=codes).of(Vocabulary.SECTOR).values_list("pk", flat=True),
    ]
    categories = [None, *Term.objects.of(Vocabulary.INDICATOR).values_list("pk", flat=True)[:4]]
    for sector, category in itertools.product(sectors, categories):
        yield (
            (sector, category),
            build(Query(start=start, end=end, sector=sector, category=category)),
        )


def test_no_view_of_a_generated_region_shows_a_count_from_1_to_k_minus_1(personas, region):
    for measure in (stats.YOUTHS, stats.OBSERVATIONS):
        for vocabulary in (Vocabulary.INDICATOR, Vocabulary.PLATFORM, Vocabulary.AGE_BAND):
            trends = build(
                Query(start=region[0], end=region[1], vocabulary=vocabulary), measure=measure
            )
            assert [v for v in published_values(trends) if _is_small(v)] == []
    for _key, trends in _views(*region):
        assert [v for v in published_values(trends) if _is_small(v)] == []


def test_no_pair_of_views_differs_by_a_small_count(personas, region):
    """Every pair of views that differ by one filter (sector, category): wherever both
    publish a cell, their difference is 0 or at least k."""
    views = dict(_views(*region))
    for (sector, category), trends in views.items():
        wider = [views[(None, category)], views[(sector, None)]]
        for other in wider:
            for mine, theirs in (
                (trends.by_sector, other.by_sector),
                (trends.by_milieu, other.by_milieu),
                (trends.by_category, other.by_category),
                ([trends.timeline], [other.timeline]),
            ):
                for a, b in zip(mine, theirs, strict=True):
                    for va, vb in zip(a.values, b.values, strict=True):
                        assert va is None or vb is None or not _is_small(abs(va - vb))


def test_the_same_cell_reads_the_same_in_every_view(personas, region):
    """Category X in sector S: the by-category view filtered to S and the by-sector view
    filtered to X read one table, so a cell is never published in one and hidden in the
    other."""
    for sector in Term.objects.of(Vocabulary.SECTOR).filter(code__in=["limoilou", "levis"]):
        by_category = build(Query(start=region[0], end=region[1], sector=sector.pk))
        for row in by_category.by_category[:4]:
            by_sector = build(Query(start=region[0], end=region[1], category=row.term.pk))
            assert _row(by_sector.by_sector, sector.code).values == row.values


def test_emerging_categories_are_flagged_on_published_totals(personas):
    _record(personas, 5, month=M1, terms=(Y,))
    _record(personas, 15, month=M2, terms=(Y,))
    _record(personas, 10, month=M1, terms=(X,))
    _record(personas, 10, month=M2, terms=(X,))
    trends = build(Query(start=M2, end=M2))
    assert [row.term.code for row in trends.emerging] == ["running-away"]
    assert _row(trends.by_category, "running-away").change_percent == 200


def test_a_raised_k_suppresses_more(personas):
    _record(personas, 7, month=M1, terms=(X,))
    assert build(Query(start=M1, end=M1), k=5).timeline.values == [7]
    assert build(Query(start=M1, end=M1), k=8).timeline.values == [None]


def test_cached_trends_follow_every_write(personas):
    _record(personas, 6, month=M1, terms=(X,))
    assert build(Query(start=M1, end=M1)).timeline.values == [6]
    _record(personas, 1, month=M1, terms=(X,))
    assert build(Query(start=M1, end=M1)).timeline.values == [7]
