"""Believable, deterministic observations written in bulk: the demo's two years and the
bench's province-scale decade share this generator. Counts drift over time (online
recruitment grows, as it did in Québec), so trends and emerging categories have something
to show. Every observation is fictional."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import transaction

from filet.accounts.models import User
from filet.observatory.models import (
    Observation,
    ObservationRevision,
    ObservationTerm,
    ObservatorySettings,
)
from filet.observatory.stats import add_months
from filet.organisations.models import Organisation
from filet.taxonomy.actions import snapshot_taxonomy
from filet.taxonomy.models import TaxonomyVersion, Term, Vocabulary

BATCH = 1000

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


class _Vocabularies:
    def __init__(self) -> None:
        self.by: dict[str, list[Term]] = {}
        for term in Term.objects.active().order_by("position", "pk"):
            self.by.setdefault(term.vocabulary, []).append(term)

    def weights(self, vocabulary: str, progress: float) -> list[float]:
        terms = self.by[vocabulary]
        base = [1.0 / (1 + i * 0.25) for i in range(len(terms))]
        return [
            w * (1 + (GROWING.get(t.code, 1.0) - 1) * progress)
            for w, t in zip(base, terms, strict=True)
        ]


def _pick(rng: random.Random, terms: list[Term], weights: list[float], count: int) -> list[Term]:
    chosen: dict[int, Term] = {}
    for _ in range(count * 2):
        if len(chosen) >= count:
            break
        term = rng.choices(terms, weights)[0]
        chosen[term.pk] = term
    return list(chosen.values())


@transaction.atomic
def generate(
    authors: Sequence[Author], *, first: date, months: int, per_month: int, seed: int
) -> int:
    """Write `per_month` observations for each of `months` months from `first`."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311  # fictional data, not security
    vocab = _Vocabularies()
    version = TaxonomyVersion.objects.current() or snapshot_taxonomy(by=None, change="initial")
    sectors = vocab.by[Vocabulary.SECTOR]
    sector_weights = [SECTOR_WEIGHTS.get(t.code, 1) for t in sectors]
    total = 0
    for index in range(months):
        month = add_months(first, index)
        progress = index / max(months - 1, 1)
        seasonal = 1 + 0.25 * (month.month in (6, 7, 8, 12))
        count = max(1, round(per_month * seasonal * rng.uniform(0.85, 1.15)))
        planned = [
            _plan(rng, vocab, rng.choice(authors), month, sectors, sector_weights, progress)
            for _ in range(count)
        ]
        _write(planned, version)
        total += count
    return total


def _plan(
    rng: random.Random,
    vocab: _Vocabularies,
    author: Author,
    month: date,
    sectors: list[Term],
    sector_weights: list[int],
    progress: float,
) -> tuple[Observation, list[Term]]:
    at = datetime(month.year, month.month, rng.randint(1, 28), 12, tzinfo=UTC)
    observation = Observation(
        organisation=author.organisation,
        author=author.user,
        month=month,
        sector=rng.choices(sectors, sector_weights)[0],
        milieu=rng.choice(vocab.by[Vocabulary.MILIEU]),
        source=rng.choices(vocab.by[Vocabulary.SOURCE], [5, 3, 2, 2, 1])[0],
        confidence=rng.choices(vocab.by[Vocabulary.CONFIDENCE], [2, 4, 2])[0],
        youths=rng.choices([1, 2, 3, 4], [8, 3, 1, 1])[0],
        created_at=at,
        updated_at=at,
    )
    terms: list[Term] = []
    for vocabulary, (low, high) in PICKS.items():
        weights = vocab.weights(vocabulary, progress)
        terms += _pick(rng, vocab.by[vocabulary], weights, rng.randint(low, high))
    return observation, terms


def _write(planned: list[tuple[Observation, list[Term]]], version: TaxonomyVersion) -> None:
    for observation, _terms in planned:
        observation.taxonomy_version = version
    saved = Observation.objects.bulk_create([o for o, _t in planned], batch_size=BATCH)
    links, revisions = [], []
    for observation, (_o, terms) in zip(saved, planned, strict=True):
        links += [
            ObservationTerm(
                observation=observation,
                term=term,
                month=observation.month,
                sector=observation.sector,
                milieu=observation.milieu,
                youths=observation.youths,
            )
            for term in terms
        ]
        observation_terms = terms
        snapshot = {
            "month": observation.month.isoformat(),
            "sector": observation.sector.code,
            "milieu": observation.milieu.code,
            "source": observation.source.code,
            "confidence": observation.confidence.code,
            "youths": observation.youths,
            "terms": sorted(f"{t.vocabulary}/{t.code}" for t in observation_terms),
            "note": "",
            "taxonomy_version": version.number,
        }
        revisions.append(
            ObservationRevision(
                observation=observation,
                number=1,
                snapshot=snapshot,
                saved_by=observation.author,
                saved_at=observation.created_at,
            )
        )
    ObservationTerm.objects.bulk_create(links, batch_size=BATCH)
    ObservationRevision.objects.bulk_create(revisions, batch_size=BATCH)
    ObservatorySettings.data_changed()
