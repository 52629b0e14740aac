"""Who to call: the pivots in force for a place, a stage or topic and a language, ranked
— milieu named first, then primary before backup, available now, own organisation.

A search never ends on nobody without a reason: when the full question has no answer, the
language, then the stage, is let go to say which part failed and who comes closest, and
the partner's general line and the Table's coordination are always offered."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from filet.directory.models import Phone, Territory
from filet.directory.text import fold
from filet.matrix.models import Stage
from filet.organisations.models import Organisation, OrganisationType
from filet.pivots.models import Absence, Designation, Level, Milieu, local_now

MAX_RESULTS = 30
FALLBACK_PARTNERS = 5

REASONS = {
    "language": _("No pivot in force here speaks this language. Closest pivots, other languages:"),
    "stage": _("No pivot in force here covers this stage or topic. Pivots for this place:"),
    "place": _("No pivot is designated for this place yet."),
}


@dataclass
class Question:
    milieu: Milieu | None = None
    territory: Territory | None = None
    stage: Stage | None = None
    topic: str = ""
    language: str = ""


@dataclass
class Hit:
    designation: Designation
    available: bool
    own: bool
    in_milieu: bool


@dataclass
class Answer:
    hits: list[Hit]
    reason: str = ""
    why: str = ""  # the REASONS key, for code that must not depend on the language
    closest: list[Hit] = field(default_factory=list)
    fallback: list[Organisation] = field(default_factory=list)


def _stage_ids(question: Question) -> list[int] | None:
    if question.stage is not None:
        return [question.stage.pk]
    words = fold(question.topic).split()
    if not words:
        return None
    return [
        stage.pk
        for stage in Stage.objects.active()
        if all(
            word
            in fold(
                f"{stage.label_fr} {stage.label_en} {stage.definition_fr} {stage.definition_en}"
            )
            for word in words
        )
    ]


def _base(question: Question) -> QuerySet[Designation]:
    place = Q()
    territory = question.territory or (question.milieu.territory if question.milieu else None)
    if territory is not None:
        place |= Q(
            pk__in=Designation.territories.through.objects.filter(territory=territory).values(
                "designation"
            )
        )
    if question.milieu is not None:
        place |= Q(
            pk__in=Designation.milieux.through.objects.filter(milieu=question.milieu).values(
                "designation"
            )
        )
    return Designation.objects.in_force().filter(place)


def _narrow(
    designations: QuerySet[Designation], stage_ids: list[int] | None, language: str
) -> QuerySet[Designation]:
    if stage_ids is not None:
        through = Designation.stages.through.objects.filter(stage__in=stage_ids)
        designations = designations.filter(pk__in=through.values("designation"))
    if language:
        designations = designations.filter(language_codes__contains=f" {language} ")
    return designations


def _ranked(
    designations: QuerySet[Designation],
    question: Question,
    organisation_ids: set[int],
    moment: datetime,
) -> list[Hit]:
    today = moment.date()
    # The database ranks by everything but availability (known from slots and absences, in
    # Python below) before the cut: a province's territory has hundreds of pivots, and the
    # ones kept must be the milieu's, primaries and the reader's own, not the first by name.
    milieu_ids = [question.milieu.pk] if question.milieu else []
    designations = designations.annotate(
        rank_milieu=Case(
            When(
                Exists(
                    Designation.milieux.through.objects.filter(
                        designation=OuterRef("pk"), milieu__in=milieu_ids
                    )
                ),
                then=0,
            ),
            default=1,
        ),
        rank_level=Case(When(level=Level.PRIMARY, then=0), default=1),
        rank_own=Case(When(organisation__in=organisation_ids, then=0), default=1),
    ).order_by("rank_milieu", "rank_level", "rank_own", "pivot__full_name", "pk")
    rows = designations.select_related(
        "pivot", "pivot__pivot_contact", "organisation"
    ).prefetch_related(
        "slots",
        "milieux",
        "territories",
        "stages",
        Prefetch("absences", queryset=Absence.objects.filter(ends_on__gte=today)),
    )
    milieu_id = question.milieu.pk if question.milieu else None
    hits = [
        Hit(
            designation=d,
            available=d.is_available(moment),
            own=d.organisation_id in organisation_ids,
            in_milieu=any(m.pk == milieu_id for m in d.milieux.all()),
        )
        for d in rows[: MAX_RESULTS * 2]
    ]
    hits.sort(
        key=lambda h: (
            not h.in_milieu,
            h.designation.level != Level.PRIMARY,
            not h.available,
            not h.own,
            h.designation.pivot.full_name,
        )
    )
    return hits[:MAX_RESULTS]


def find(
    question: Question, *, organisation_ids: set[int], moment: datetime | None = None
) -> Answer:
    moment = moment or local_now()
    base = _base(question)
    stage_ids = _stage_ids(question)
    hits = _ranked(_narrow(base, stage_ids, question.language), question, organisation_ids, moment)
    if hits:
        return Answer(hits=hits)
    answer = Answer(hits=[], fallback=fallback(question))
    for reason, narrowed in (
        ("language", _narrow(base, stage_ids, "")),
        ("stage", base),
    ):
        if question.language or reason == "stage":
            closest = _ranked(narrowed, question, organisation_ids, moment)
            if closest:
                answer.reason, answer.closest = str(REASONS[reason]), closest
                answer.why = reason
                return answer
    answer.reason, answer.why = str(REASONS["place"]), "place"
    return answer


def fallback(question: Question) -> list[Organisation]:
    """Who to call instead: the milieu's organisation or the partners serving the
    territory, then the Table's coordination."""
    ids = {question.milieu.organisation_id} if question.milieu else set()
    if question.territory is not None:
        serving = question.territory.profiles.values_list("organisation", flat=True)
        ids |= set(serving.order_by("organisation__name_fr")[:FALLBACK_PARTNERS])
    ids |= set(
        Organisation.objects.active()
        .filter(type=OrganisationType.COORDINATION)
        .values_list("pk", flat=True)
    )
    phones = Prefetch("phones", queryset=Phone.objects.order_by("pk"))
    organisations = Organisation.objects.filter(pk__in=ids).select_related("profile")
    return sorted(
        organisations.prefetch_related(phones, "emails"),
        key=lambda o: o.type == OrganisationType.COORDINATION,
    )


def question_from(data: dict[str, Any]) -> Question:
    return Question(
        milieu=data.get("milieu"),
        territory=data.get("territory"),
        stage=data.get("stage"),
        topic=data.get("topic", ""),
        language=data.get("language", ""),
    )
