"""Records of organisation A for the permission matrix and the observatory tests."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from filet.observatory.actions import Entry, create_protocol, record_observations
from filet.observatory.models import Observation, ResearchProtocol
from filet.taxonomy.models import Term, Vocabulary

Target = tuple[dict[str, Any], dict[str, Any]]


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def entry(
    *,
    month: date | None = None,
    sector: str = "limoilou",
    milieu: str = "school",
    youths: int = 1,
    terms: tuple[tuple[str, str], ...] = (("indicator", "school-absence"),),
    note: str = "",
) -> Entry:
    return Entry(
        month=month or timezone.localdate().replace(day=1),
        sector=term(Vocabulary.SECTOR, sector),
        milieu=term(Vocabulary.MILIEU, milieu),
        source=term(Vocabulary.SOURCE, "direct-observation"),
        confidence=term(Vocabulary.CONFIDENCE, "probable"),
        youths=youths,
        terms=[term(v, c) for v, c in terms],
        note=note,
    )


def observation(p: Any, **kwargs: Any) -> Observation:
    return record_observations([entry(**kwargs)], by=p.pivot, organisation=p.org_a)[0]


def protocol(p: Any, *, expires_on: date | None = None) -> ResearchProtocol:
    today = timezone.localdate()
    return create_protocol(
        by=p.coordinator,
        terms=[],
        title="Protocole",
        researcher=p.researcher,
        organisation=p.research,
        approved_by="Comité d'éthique",
        approved_on=today - timedelta(days=400),
        vocabularies=["indicator"],
        period_start=date(today.year - 1, 1, 1),
        period_end=today,
        expires_on=expires_on or today + timedelta(days=30),
    )


def _observation_target(p: Any) -> Target:
    return {"pk": observation(p).pk}, {}


def _protocol_target(p: Any) -> Target:
    return {"pk": protocol(p).pk}, {}


def _term_target(p: Any) -> Target:
    return {"pk": term(Vocabulary.PLATFORM, "tiktok").pk}, {}


TARGETS = {
    "taxonomy:term_edit": _term_target,
    "taxonomy:version": lambda p: ({"number": 1}, {}),
    "observatory:export": lambda p: ({"file_format": "xlsx"}, {}),
    "observatory:detail": _observation_target,
    "observatory:edit": _observation_target,
    "observatory:research": _protocol_target,
    "observatory:research_export": lambda p: ({**_protocol_target(p)[0], "file_format": "csv"}, {}),
}
