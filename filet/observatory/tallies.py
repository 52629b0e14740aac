"""Monthly tallies: the raw counts the trends read, kept by every write of an observation.

A tally is one cell of a category's milieu × sector table in one month (category 0: every
observation). Nothing here is suppressed: tallies are raw counts, read only by
observatory/stats.py, which suppresses the tables it builds from them exactly as it did
from the observations themselves.

A write recounts, from the observations, every cell it touched (before and after a change:
the month, sector and milieu, for every observation and for each of its terms). It does so
after `ObservatorySettings.data_changed()`, whose row lock makes writers take turns: each
recount sees every write committed before it, so two pivots recording in the same cell at
the same time cannot leave a count short. `recount_all()` rebuilds everything (after a
bulk load, or to check the tallies against the observations).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from filet.observatory.models import Observation, ObservationTally, ObservationTerm

ALL = 0


@dataclass(frozen=True)
class Cell:
    """Where an observation counts: its month, sector and milieu, and its terms."""

    month: date
    sector: int
    milieu: int
    terms: frozenset[int]

    @classmethod
    def of(cls, observation: Observation, terms: Iterable[int]) -> "Cell":
        return cls(
            observation.month, observation.sector_id, observation.milieu_id, frozenset(terms)
        )


def recount(cells: Iterable[Cell]) -> None:
    """Recount the tallies of `cells` from the observations. Call it after
    `ObservatorySettings.data_changed()`, inside the write's transaction."""
    places: dict[tuple[date, int, int], set[int]] = defaultdict(set)
    for cell in cells:
        places[(cell.month, cell.sector, cell.milieu)] |= cell.terms
    if not places:
        return
    where = reduce(or_, (Q(month=m, sector=s, milieu=mi) for m, s, mi in places))
    by_term = reduce(
        or_,
        (Q(month=m, sector=s, milieu=mi, term__in=terms) for (m, s, mi), terms in places.items()),
    )
    categories = reduce(
        or_,
        (
            Q(month=m, sector=s, milieu=mi, category__in=[ALL, *terms])
            for (m, s, mi), terms in places.items()
        ),
    )
    ObservationTally.objects.filter(categories).delete()
    tallies = _tallies(Observation.objects.filter(where), None)
    if any(places.values()):
        tallies += _tallies(ObservationTerm.objects.filter(by_term), "term")
    ObservationTally.objects.bulk_create(tallies)


def recount_all() -> int:
    """Rebuild every tally from the observations; returns how many there are."""
    ObservationTally.objects.all().delete()
    tallies = _tallies(Observation.objects.all(), None)
    tallies += _tallies(ObservationTerm.objects.all(), "term")
    ObservationTally.objects.bulk_create(tallies, batch_size=5000)
    return len(tallies)


def _tallies(rows: QuerySet[Any], category: str | None) -> list[ObservationTally]:
    grouped = rows.values(*([category] if category else []), "month", "sector", "milieu").annotate(
        y=Sum("youths"), n=Count("pk")
    )
    return [
        ObservationTally(
            category=row[category] if category else ALL,
            month=row["month"],
            sector_id=row["sector"],
            milieu_id=row["milieu"],
            youths=row["y"],
            observations=row["n"],
        )
        for row in grouped.order_by()
    ]
