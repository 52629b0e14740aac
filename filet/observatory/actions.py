"""Recording and changing observations, the Table's k, and research protocols. Every write
is audited in its own transaction; every save of an observation leaves a revision."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.observatory import tallies
from filet.observatory.models import (
    Observation,
    ObservationRevision,
    ObservationTerm,
    ObservatorySettings,
    ResearchProtocol,
)
from filet.organisations.models import Organisation
from filet.taxonomy.actions import snapshot_taxonomy
from filet.taxonomy.models import TaxonomyVersion, Term


class StaleEdit(Exception):
    """Someone else saved the record since the form was shown."""


@dataclass(frozen=True)
class Entry:
    """What a pivot says about one month in one milieu; the same for a single form or a
    row of the bulk form."""

    month: date
    sector: Term
    milieu: Term
    source: Term
    confidence: Term
    youths: int
    terms: list[Term]
    note: str = ""


def first_of_month(value: date) -> date:
    return value.replace(day=1)


def _current_version(by: User) -> TaxonomyVersion:
    return TaxonomyVersion.objects.current() or snapshot_taxonomy(by=by, change="initial")


def _apply(observation: Observation, entry: Entry) -> None:
    observation.month = first_of_month(entry.month)
    for name in ("sector", "milieu", "source", "confidence", "youths", "note"):
        setattr(observation, name, getattr(entry, name))


def _write_terms(observation: Observation, terms: list[Term]) -> None:
    ObservationTerm.objects.filter(observation=observation).delete()
    ObservationTerm.objects.bulk_create(
        ObservationTerm(
            observation=observation,
            term=term,
            month=observation.month,
            sector=observation.sector,
            milieu=observation.milieu,
            youths=observation.youths,
        )
        for term in {term.pk: term for term in terms}.values()
    )


def _revise(observation: Observation, by: User) -> None:
    ObservationRevision.objects.create(
        observation=observation,
        number=observation.version,
        snapshot=observation.as_snapshot(),
        saved_by=by,
    )


@transaction.atomic
def record_observations(
    entries: list[Entry], *, by: User, organisation: Organisation, submission: str = ""
) -> list[Observation]:
    """Record one or several observations (bulk entry), all or none.

    A submission key already used by this author returns the observations it recorded,
    so a double-click or a retried POST does not duplicate them."""
    if submission:
        existing = list(Observation.objects.filter(author=by, submission=submission))
        if existing:
            return existing
    version = _current_version(by)
    saved = []
    for row, entry in enumerate(entries):
        observation = Observation(
            organisation=organisation,
            author=by,
            taxonomy_version=version,
            submission=submission,
            submission_row=row,
        )
        _apply(observation, entry)
        observation.save()
        _write_terms(observation, entry.terms)
        _revise(observation, by)
        record(by, "observation.recorded", observation, organisation=organisation)
        saved.append(observation)
    ObservatorySettings.data_changed()
    tallies.recount(
        tallies.Cell.of(o, [t.pk for t in e.terms]) for o, e in zip(saved, entries, strict=True)
    )
    return saved


@transaction.atomic
def change_observation(
    observation: Observation, entry: Entry, *, by: User, expected_version: int
) -> Observation:
    """Change an observation; the former state stays in its revisions. It keeps the
    taxonomy version it was recorded under."""
    locked = Observation.objects.select_for_update().get(pk=observation.pk)
    if locked.version != expected_version:
        raise StaleEdit
    terms_before = ObservationTerm.objects.filter(observation=locked).values_list("term", flat=True)
    before = tallies.Cell.of(locked, terms_before)
    _apply(observation, entry)
    observation.version = locked.version + 1
    observation.updated_at = timezone.now()
    observation.save()
    _write_terms(observation, entry.terms)
    _revise(observation, by)
    ObservatorySettings.data_changed()
    tallies.recount([before, tallies.Cell.of(observation, [t.pk for t in entry.terms])])
    record(
        by,
        "observation.changed",
        observation,
        organisation=observation.organisation,
        revision=observation.version,
    )
    return observation


@transaction.atomic
def set_k(k: int, *, by: User, expected_version: int) -> ObservatorySettings:
    """Change the smallest published count of every aggregate."""
    current = ObservatorySettings.load()
    locked = ObservatorySettings.objects.select_for_update().get(pk=current.pk)
    if locked.version != expected_version:
        raise StaleEdit
    before = locked.k
    locked.k, locked.version = k, locked.version + 1
    locked.updated_by, locked.updated_at = by, timezone.now()
    locked.save()
    record(by, "observatory.settings_changed", locked, k_before=before, k=k)
    return locked


@transaction.atomic
def create_protocol(*, by: User, terms: list[Term], **fields: Any) -> ResearchProtocol:
    """Record an approved research protocol; the researcher sees its scope until expiry."""
    for name in ("period_start", "period_end"):
        fields[name] = first_of_month(fields[name])
    protocol = ResearchProtocol.objects.create(created_by=by, **fields)
    protocol.terms.set(terms)
    record(
        by,
        "research_protocol.created",
        protocol,
        organisation=protocol.organisation,
        researcher=protocol.researcher_id,
        expires_on=protocol.expires_on.isoformat(),
    )
    return protocol
