"""The trends: counts of youths and of observations by month, category, sector and milieu,
aggregated with GROUP BY in the database and suppressed with filet/lib/suppression.py.

Why every view is cut from one table per (category, month): for each category term X (and
for "all observations") and each month, the counts form a milieu × sector table with its
totals. That table is suppressed once, deterministically, and every view reads its cells
from it: the by-category view reads the milieu totals at one sector (or the grand total),
the by-sector view the milieu-total row, the by-milieu view one sector column. So two views
can never show the same cell once published and once hidden, and a filter cannot be
subtracted away: a cell of X is also hidden when "all observations minus X" would be small
(the differencing attack). Months are never summed over a hidden month (period_total).
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache

from filet.lib.suppression import Protected, change, extend, period_total, protect_extended
from filet.observatory.models import ObservationTally, ObservatorySettings
from filet.observatory.tallies import ALL  # the "category" of every observation
from filet.taxonomy.models import TaxonomyVersion, Term, Vocabulary

YOUTHS, OBSERVATIONS = "youths", "observations"
EMERGING_GROWTH = 0.25
EMERGING_MAX = 3
CACHE_SECONDS = 6 * 60 * 60

Key = tuple[int, date, int, int]  # category, month, milieu, sector


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    months, month = [], start
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


@dataclass(frozen=True)
class Query:
    start: date
    end: date
    vocabulary: str = Vocabulary.INDICATOR
    sector: int | None = None
    category: int | None = None
    # Limits for a research protocol: None means everything. Months before `earliest`
    # (the protocol's first month) are never shown, not even as the previous period.
    term_ids: frozenset[int] | None = None
    earliest: date | None = None

    @property
    def months(self) -> list[date]:
        return months_between(self.start, self.end)

    @property
    def previous_months(self) -> list[date]:
        length = len(self.months)
        return months_between(add_months(self.start, -length), add_months(self.start, -1))


class MonthTable:
    """The suppressed milieu × sector table of one category in one month."""

    def __init__(self, youths: Protected, observations: list[list[int]]) -> None:
        self.youths = youths
        self.observations = observations

    def value(self, row: int, column: int, measure: str) -> int | None:
        if (row, column) in self.youths.hidden:
            return None
        if measure == OBSERVATIONS:
            return self.observations[row][column]
        return self.youths.cell(row, column)


@dataclass
class Series:
    term: Term | None
    values: list[int | None]
    total: int | None
    previous: int | None
    change: float | None = None
    emerging: bool = False
    bar: int = 0  # width of the chart bar, in percent of the largest published total

    @property
    def label(self) -> str:
        """In the reader's language at rendering time (cached trends serve both)."""
        return self.term.label if self.term is not None else ""

    @property
    def change_percent(self) -> int | None:
        return None if self.change is None else round(100 * self.change)


@dataclass
class Trends:
    query: Query
    k: int
    measure: str
    months: list[date]
    timeline: Series
    previous_timeline: list[int | None]
    by_category: list[Series] = field(default_factory=list)
    by_sector: list[Series] = field(default_factory=list)
    by_milieu: list[Series] = field(default_factory=list)
    cache_key: str = ""

    @property
    def emerging(self) -> list[Series]:
        return [row for row in self.by_category if row.emerging]

    @property
    def hidden_cells(self) -> int:
        views = [self.timeline, *self.by_category, *self.by_sector, *self.by_milieu]
        return sum(value is None for row in views for value in row.values)


class Cube:
    """Raw counts read from the monthly tallies in one query, then one suppressed table
    per (category, month), built when first asked for."""

    def __init__(self, k: int, milieux: list[int], sectors: list[int]) -> None:
        self.k = k
        self.milieux = {pk: i for i, pk in enumerate(milieux)}
        self.sectors = {pk: i for i, pk in enumerate(sectors)}
        self.raw: dict[tuple[int, date], dict[tuple[int, int], tuple[int, int]]] = defaultdict(dict)
        self._tables: dict[tuple[int, date], MonthTable] = {}
        self._all: dict[date, tuple[list[list[int]], list[list[int]]]] = {}

    def load(self, rows: Iterable[tuple[int, date, int, int, int, int]]) -> None:
        """Tallies: category, month, sector, milieu, youths, observations."""
        raw, milieux, sectors = self.raw, self.milieux, self.sectors
        for category, month, sector, milieu, youths, observations in rows:
            raw[(category, month)][(milieux[milieu], sectors[sector])] = (youths, observations)

    def _grid(self, category: int, month: date, index: int) -> list[list[int]]:
        """The extended grid (totals included) of one measure."""
        grid = [[0] * len(self.sectors) for _ in self.milieux]
        for (i, j), values in self.raw.get((category, month), {}).items():
            grid[i][j] = values[index]
        return extend(grid)

    def _everyone(self, month: date) -> tuple[list[list[int]], list[list[int]]]:
        if month not in self._all:
            self._all[month] = (self._grid(ALL, month, 0), self._grid(ALL, month, 1))
        return self._all[month]

    def table(self, category: int, month: date) -> MonthTable:
        key = (category, month)
        if key not in self._tables:
            self._tables[key] = self._protect(category, month)
        return self._tables[key]

    def _protect(self, category: int, month: date) -> MonthTable:
        everyone_y, everyone_n = self._everyone(month)
        if category == ALL:
            youths, observations = everyone_y, everyone_n
        else:
            youths, observations = self._grid(category, month, 0), self._grid(category, month, 1)
        k = self.k

        def sensitive(i: int, j: int) -> bool:
            # The complement of the filter: all observations minus this category.
            return category != ALL and (
                0 < everyone_y[i][j] - youths[i][j] < k
                or 0 < everyone_n[i][j] - observations[i][j] < k
            )

        protected = protect_extended(youths, k, sensitive=sensitive, companion=observations)
        return MonthTable(protected, observations)


def _terms(vocabularies: list[str]) -> dict[str, list[Term]]:
    found: dict[str, list[Term]] = defaultdict(list)
    for term in Term.objects.filter(vocabulary__in=vocabularies).order_by("position", "pk"):
        found[term.vocabulary].append(term)
    return found


def load_cube(query: Query, k: int, terms: dict[str, list[Term]], category_ids: set[int]) -> Cube:
    """The raw counts of every observation and of each category over the query's months
    and the previous period, read from the monthly tallies (observatory/tallies.py)."""
    cube = Cube(
        k, [t.pk for t in terms[Vocabulary.MILIEU]], [t.pk for t in terms[Vocabulary.SECTOR]]
    )
    rows = ObservationTally.objects.filter(
        category__in=[ALL, *sorted(category_ids)],
        month__gte=query.previous_months[0],
        month__lte=query.end,
    ).values_list("category", "month", "sector", "milieu", "youths", "observations")
    cube.load(rows.order_by())
    return cube


def build(query: Query, *, measure: str = YOUTHS, k: int | None = None) -> Trends:
    """Every view of the dashboard for one query, suppressed.

    Aggregates change only when an observation or the taxonomy does, and are read far
    more often: the result is cached under the data version (bumped by every write), the
    taxonomy version and k. What is cached is already suppressed."""
    current = ObservatorySettings.load()
    k = k or current.k
    taxonomy = TaxonomyVersion.objects.order_by("-number").values_list("number", flat=True)
    key = cache_key(query, measure, k, current.data_version, taxonomy.first() or 0)
    found = cache.get(key)
    if found is None:
        found = compute(query, measure=measure, k=k)
        found.cache_key = key
        cache.set(key, found, CACHE_SECONDS)
    return found


def cache_key(query: Query, measure: str, k: int, data_version: int, taxonomy: int) -> str:
    terms = sorted(query.term_ids) if query.term_ids is not None else None
    parts = [query.start, query.end, str(query.vocabulary), query.sector, query.category, terms]
    parts.append(query.earliest)
    text = repr([*parts, measure, k, data_version, taxonomy])
    return "observatory:trends:" + hashlib.sha256(text.encode()).hexdigest()


def compute(query: Query, *, measure: str, k: int) -> Trends:
    """Every view of the dashboard for one query, suppressed. Two queries."""
    terms = _terms([Vocabulary.MILIEU, Vocabulary.SECTOR, query.vocabulary])
    categories = [t for t in terms[query.vocabulary] if _allowed(query, t.pk)]
    category_ids = {t.pk for t in categories}
    if query.category and _allowed(query, query.category):
        category_ids.add(query.category)
    cube = load_cube(query, k, terms, category_ids)
    focus = query.category if query.category in category_ids else ALL
    reader = _Reader(cube, query, measure)
    bottom, right = len(cube.milieux), len(cube.sectors)  # the totals' row and column
    column = cube.sectors.get(query.sector, right) if query.sector else right
    trends = Trends(
        query=query,
        k=k,
        measure=measure,
        months=query.months,
        timeline=reader.series(focus, bottom, column, None),
        previous_timeline=reader.values(focus, bottom, column, query.previous_months),
        by_category=[reader.series(t.pk, bottom, column, t) for t in categories],
        by_sector=[
            reader.series(focus, bottom, cube.sectors[t.pk], t) for t in terms[Vocabulary.SECTOR]
        ],
        by_milieu=[
            reader.series(focus, cube.milieux[t.pk], column, t) for t in terms[Vocabulary.MILIEU]
        ],
    )
    _flag_emerging(trends.by_category)
    for rows in (trends.by_category, trends.by_sector, trends.by_milieu):
        _scale_bars(rows)
    return trends


def _allowed(query: Query, term_id: int) -> bool:
    return query.term_ids is None or term_id in query.term_ids


class _Reader:
    def __init__(self, cube: Cube, query: Query, measure: str) -> None:
        self.cube, self.query, self.measure = cube, query, measure

    def values(self, category: int, row: int, column: int, months: list[date]) -> list[int | None]:
        earliest = self.query.earliest
        return [
            None
            if earliest is not None and m < earliest
            else self.cube.table(category, m).value(row, column, self.measure)
            for m in months
        ]

    def series(self, category: int, row: int, column: int, term: Term | None) -> Series:
        values = self.values(category, row, column, self.query.months)
        previous = period_total(self.values(category, row, column, self.query.previous_months))
        total = period_total(values)
        return Series(term, values, total, previous, change(total, previous))


def _flag_emerging(rows: list[Series]) -> None:
    """The categories growing fastest, judged on published totals only."""
    growing = [r for r in rows if r.change is not None and r.change >= EMERGING_GROWTH]
    growing.sort(key=lambda r: r.change or 0, reverse=True)
    for row in growing[:EMERGING_MAX]:
        row.emerging = True


def _scale_bars(rows: list[Series]) -> None:
    largest = max((r.total for r in rows if r.total), default=0)
    for row in rows:
        row.bar = round(100 * row.total / largest) if row.total and largest else 0


def published_values(trends: Trends) -> list[int]:
    """Every number the views show: what the tests check against 1..k-1."""
    views = [trends.timeline, *trends.by_category, *trends.by_sector, *trends.by_milieu]
    numbers = [v for row in views for v in (*row.values, row.total, row.previous)]
    numbers += trends.previous_timeline
    return [n for n in numbers if n is not None]
