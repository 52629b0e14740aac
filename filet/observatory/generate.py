"""Believable, deterministic observations written in bulk: the demo's two years and the
bench's province-scale decade share this generator. Counts drift over time (online
recruitment grows, as it did in Québec), so trends and emerging categories have something
to show. Every observation is fictional.

A province's decade is a million observations, eight and a half million terms and a
million revisions: rows are planned as plain tuples (no model instance, no query per row)
and written a month at a time by observatory/bulk.py. The same seed gives the same rows.
"""

import json
import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import accumulate
from typing import Any

from django.db import transaction

from filet.accounts.models import User
from filet.observatory import bulk, tallies
from filet.observatory.models import (
    Observation,
    ObservationRevision,
    ObservationTally,
    ObservationTerm,
    ObservatorySettings,
)
from filet.observatory.stats import add_months
from filet.organisations.models import Organisation
from filet.taxonomy.actions import snapshot_taxonomy
from filet.taxonomy.models import TaxonomyVersion, Term, Vocabulary

BATCH = 1000
# From this many observations into an empty observatory, PostgreSQL's foreign keys and
# secondary indexes are set aside during the load and rebuilt once (observatory/bulk.py).
SET_ASIDE_FROM = 100_000

# Terms that grow over the span (code -> growth factor at the end of the span).
GROWING = {
    "sextortion": 4.0,
    "online-grooming": 3.0,
    "tiktok": 4.0,
    "snapchat": 1.8,
    "self-advertising": 2.0,
    "contact-by-unknown-adults": 2.2,
    "online-exploitation": 2.5,
}
# Where observations come from more often (sector code -> weight).
SECTOR_WEIGHTS = {"limoilou": 5, "saint-roch": 5, "vanier": 4, "saint-sauveur": 3, "beauport": 3}
# How many terms of each vocabulary an observation usually carries.
PICKS = {
    Vocabulary.INDICATOR: (1, 4),
    Vocabulary.RECRUITMENT: (0, 2),
    Vocabulary.PLACE: (0, 2),
    Vocabulary.PLATFORM: (0, 2),
    Vocabulary.EXPLOITATION: (0, 1),
    Vocabulary.ACTOR_ROLE: (0, 1),
    Vocabulary.AGE_BAND: (1, 1),
    Vocabulary.ACTION: (1, 1),
}


@dataclass(frozen=True)
class Author:
    user: User
    organisation: Organisation


class _Weighted:
    """What `random.choices(population, weights)[0]` draws, with the cumulative weights
    computed once: the same draw from the same random number, without the recount."""

    def __init__(self, population: Sequence[Any], weights: Sequence[float]) -> None:
        self.population = population
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1] + 0.0
        self.last = len(population) - 1

    def draw(self, rng: random.Random) -> Any:
        return self.population[bisect(self.cumulative, rng.random() * self.total, 0, self.last)]


class _Vocabularies:
    def __init__(self) -> None:
        self.by: dict[str, list[Term]] = {}
        for term in Term.objects.active().order_by("position", "pk"):
            self.by.setdefault(term.vocabulary, []).append(term)
        sectors = self.by[Vocabulary.SECTOR]
        self.sector = _Weighted(sectors, [SECTOR_WEIGHTS.get(t.code, 1) for t in sectors])
        self.source = _Weighted(self.by[Vocabulary.SOURCE], [5, 3, 2, 2, 1])
        self.confidence = _Weighted(self.by[Vocabulary.CONFIDENCE], [2, 4, 2])
        self.youths = _Weighted([1, 2, 3, 4], [8, 3, 1, 1])

    def weights(self, vocabulary: str, progress: float) -> list[float]:
        terms = self.by[vocabulary]
        base = [1.0 / (1 + i * 0.25) for i in range(len(terms))]
        return [
            w * (1 + (GROWING.get(t.code, 1.0) - 1) * progress)
            for w, t in zip(base, terms, strict=True)
        ]

    def of_month(self, progress: float) -> list[tuple[_Weighted, int, int]]:
        """Each vocabulary's draw for one month (terms grow over the span), in PICKS order."""
        return [
            (_Weighted(self.by[v], self.weights(v, progress)), low, high)
            for v, (low, high) in PICKS.items()
        ]


def _pick(rng: random.Random, weighted: _Weighted, count: int) -> list[Term]:
    chosen: dict[int, Term] = {}
    for _ in range(count * 2):
        if len(chosen) >= count:
            break
        term = weighted.draw(rng)
        chosen[term.pk] = term
    return list(chosen.values())


@dataclass(frozen=True)
class _Planned:
    author: Author
    at: datetime
    sector: Term
    milieu: Term
    source: Term
    confidence: Term
    youths: int
    terms: list[Term]


@transaction.atomic
def generate(
    authors: Sequence[Author], *, first: date, months: int, per_month: int, seed: int
) -> int:
    """Write `per_month` observations for each of `months` months from `first`, each with
    its terms and its first revision, as recording them would."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311  # fictional data, not security
    vocab = _Vocabularies()
    version = TaxonomyVersion.objects.current() or snapshot_taxonomy(by=None, change="initial")
    tables = [Observation, ObservationTerm, ObservationRevision, ObservationTally]
    empty = not Observation.objects.exists()
    ObservatorySettings.data_changed()
    if empty:  # nothing to count: whatever tally is left is stale
        ObservationTally.objects.all().delete()
    if empty and bulk.is_postgresql() and per_month * months >= SET_ASIDE_FROM:
        with bulk.constraints_set_aside(tables):
            return _generate_months(rng, vocab, version, authors, first, months, per_month)
    total = _generate_months(rng, vocab, version, authors, first, months, per_month, empty)
    if not empty:  # cells that held observations already: count them all again
        tallies.recount_all()
    return total


def _generate_months(
    rng: random.Random,
    vocab: _Vocabularies,
    version: TaxonomyVersion,
    authors: Sequence[Author],
    first: date,
    months: int,
    per_month: int,
    tally: bool = True,
) -> int:
    total = 0
    for index in range(months):
        month = add_months(first, index)
        draws = vocab.of_month(index / max(months - 1, 1))
        seasonal = 1 + 0.25 * (month.month in (6, 7, 8, 12))
        count = max(1, round(per_month * seasonal * rng.uniform(0.85, 1.15)))
        planned = [_plan(rng, vocab, draws, rng.choice(authors), month) for _ in range(count)]
        _write(month, planned, version, tally)
        total += count
    return total


def _plan(
    rng: random.Random,
    vocab: _Vocabularies,
    draws: list[tuple[_Weighted, int, int]],
    author: Author,
    month: date,
) -> _Planned:
    # The draws keep the order they have always had: the same seed, the same data.
    at = datetime(month.year, month.month, rng.randint(1, 28), 12, tzinfo=UTC)
    sector = vocab.sector.draw(rng)
    milieu = rng.choice(vocab.by[Vocabulary.MILIEU])
    source = vocab.source.draw(rng)
    confidence = vocab.confidence.draw(rng)
    youths = vocab.youths.draw(rng)
    terms: list[Term] = []
    for weighted, low, high in draws:
        terms += _pick(rng, weighted, rng.randint(low, high))
    return _Planned(author, at, sector, milieu, source, confidence, youths, terms)


OBSERVATION_COLUMNS = (
    "organisation_id",
    "author_id",
    "month",
    "sector_id",
    "milieu_id",
    "source_id",
    "confidence_id",
    "youths",
    "note",
    "taxonomy_version_id",
    "version",
    "submission",
    "submission_row",
    "created_at",
    "updated_at",
)
TERM_COLUMNS = ("observation_id", "term_id", "month", "sector_id", "milieu_id", "youths")
REVISION_COLUMNS = ("observation_id", "number", "snapshot", "saved_by_id", "saved_at")
TALLY_COLUMNS = ("category", "month", "sector_id", "milieu_id", "youths", "observations")


def _write(month: date, planned: list[_Planned], version: TaxonomyVersion, tally: bool) -> None:
    rows = [
        (p.author.organisation.pk, p.author.user.pk, month, p.sector.pk, p.milieu.pk)
        + (p.source.pk, p.confidence.pk, p.youths, "", version.pk, 1, "", 0, p.at, p.at)
        for p in planned
    ]
    ids = _insert_observations(rows)
    links = [
        (pk, term.pk, month, p.sector.pk, p.milieu.pk, p.youths)
        for pk, p in zip(ids, planned, strict=True)
        for term in p.terms
    ]
    revisions = [
        (pk, 1, _snapshot(month, p, version), p.author.user.pk, p.at)
        for pk, p in zip(ids, planned, strict=True)
    ]
    _insert(ObservationTerm, TERM_COLUMNS, links)
    _insert(ObservationRevision, REVISION_COLUMNS, revisions)
    if tally:
        _insert(ObservationTally, TALLY_COLUMNS, _month_tallies(month, planned))


def _month_tallies(month: date, planned: list[_Planned]) -> list[tuple[Any, ...]]:
    """The month's tallies, counted from the planned rows (observatory/tallies.py)."""
    counts: dict[tuple[int, int, int], list[int]] = {}
    for p in planned:
        for category in (tallies.ALL, *(t.pk for t in p.terms)):
            cell = counts.setdefault((category, p.sector.pk, p.milieu.pk), [0, 0])
            cell[0] += p.youths
            cell[1] += 1
    return [(c, month, s, m, y, n) for (c, s, m), (y, n) in counts.items()]


def _snapshot(month: date, planned: _Planned, version: TaxonomyVersion) -> dict[str, Any] | str:
    """What `Observation.as_snapshot()` gives for the new observation (JSON text for COPY)."""
    snapshot = {
        "month": month.isoformat(),
        "sector": planned.sector.code,
        "milieu": planned.milieu.code,
        "source": planned.source.code,
        "confidence": planned.confidence.code,
        "youths": planned.youths,
        "terms": sorted(f"{t.vocabulary}/{t.code}" for t in planned.terms),
        "note": "",
        "taxonomy_version": version.number,
    }
    return json.dumps(snapshot) if bulk.is_postgresql() else snapshot


def _insert_observations(rows: list[tuple[Any, ...]]) -> list[int]:
    if bulk.is_postgresql():
        ids = bulk.reserve_ids(Observation, len(rows))
        columns = ("id", *OBSERVATION_COLUMNS)
        bulk.copy_rows(
            Observation, columns, [(pk, *row) for pk, row in zip(ids, rows, strict=True)]
        )
        return ids
    objects = [Observation(**dict(zip(OBSERVATION_COLUMNS, row, strict=True))) for row in rows]
    return [o.pk for o in Observation.objects.bulk_create(objects, batch_size=BATCH)]


def _insert(model: type[Any], columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    if bulk.is_postgresql():
        bulk.copy_rows(model, columns, rows)
    else:
        bulk.create_rows(model, columns, rows)
