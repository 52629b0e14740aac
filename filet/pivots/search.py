"""Who to call: the pivots in force for a place, a stage or topic and a language, ranked
— milieu named first, then primary before backup, available now, own organisation.

A search never ends on nobody without a reason: when the full question has no answer, the
language, then the stage, is let go to say which part failed and who comes closest, and
the partner's general line and the Table's coordination are always offered.

Two steps. `candidates()` lists, for a scope (place, stages, language) and a day, every
designation in force, in the order the database gives (milieu named, primary, name), as
plain values: what ranking needs (weekly hours, absences to come) and what a hit shows.
That list is the same for every reader, so `whocache` keeps it. `rank()` then puts the
reader's own organisation first and availability at this moment, and the hits are built
from the values. The designations a kept list puts on the page are checked in force once
more: a list kept from before never shows a pivot the page would not show."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any, NamedTuple

from django.db.models import Case, Exists, Model, OuterRef, Prefetch, Q, QuerySet, When
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.directory.models import Phone, Territory
from filet.directory.text import fold
from filet.matrix.models import Stage
from filet.organisations.models import Organisation, OrganisationType
from filet.pivots.models import (
    LOCAL_ZONE,
    Absence,
    AvailabilitySlot,
    Designation,
    Level,
    Milieu,
    PivotContact,
    local_now,
)

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
    # What a hit shows besides the designation, at hand for the template.
    work_phone: str = ""
    work_email: str = ""
    stages: list[Stage] = field(default_factory=list)
    territories: list[Territory] = field(default_factory=list)


@dataclass
class Answer:
    hits: list[Hit]
    reason: str = ""
    why: str = ""  # the REASONS key, for code that must not depend on the language
    closest: list[Hit] = field(default_factory=list)
    fallback: list[Organisation] = field(default_factory=list)


@dataclass(frozen=True)
class Scope:
    """What the database narrows a question to; `stage_ids` None means any stage."""

    milieu_id: int | None
    territory_id: int | None
    stage_ids: tuple[int, ...] | None
    language: str


def _names(model: type[Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


# What a hit shows, as values: whole rows, but of the pivot's account only what is shown.
DESIGNATION = _names(Designation)
PIVOT = ["id", "email", "full_name", "language", "is_active"]
CONTACT = _names(PivotContact)
ORGANISATION = _names(Organisation)
SHOWN = [
    *DESIGNATION,
    *(f"pivot__{name}" for name in PIVOT[1:]),
    *(f"pivot__pivot_contact__{name}" for name in CONTACT),
    *(f"organisation__{name}" for name in ORGANISATION[1:]),
]
RELATED = {"stages": Stage, "territories": Territory, "milieux": Milieu}
# Where each model's values sit in a row of SHOWN (the foreign keys give the pivot's and the
# organisation's primary keys).
AT_PIVOT = slice(len(DESIGNATION), len(DESIGNATION) + len(PIVOT) - 1)
AT_CONTACT = slice(AT_PIVOT.stop, AT_PIVOT.stop + len(CONTACT))
AT_ORGANISATION = slice(AT_CONTACT.stop, None)
AT_NAME = SHOWN.index("pivot__full_name")
AT_ORGANISATION_ID = SHOWN.index("organisation_id")


class Candidate(NamedTuple):
    """A designation in force for a scope: what ranking needs, and the values shown."""

    pk: int
    organisation_id: int
    in_milieu: bool
    primary: bool
    name: str  # the pivot's, to sort as before within a rank
    slots: tuple[tuple[int, time, time], ...]  # weekday, from, to
    absences: tuple[tuple[date, date], ...]  # those not over on the day listed
    row: tuple[Any, ...]  # the values of SHOWN
    related: dict[str, tuple[tuple[Any, ...], ...]]  # RELATED's rows, in their order


class Listing(NamedTuple):
    candidates: list[Candidate]
    kept: bool  # kept from before (whocache), not listed by this request


Lister = Callable[[Scope, date], Listing]


def _stage_ids(question: Question) -> tuple[int, ...] | None:
    if question.stage is not None:
        return (question.stage.pk,)
    words = fold(question.topic).split()
    if not words:
        return None
    return tuple(
        stage.pk
        for stage in Stage.objects.active()
        if all(
            word
            in fold(
                f"{stage.label_fr} {stage.label_en} {stage.definition_fr} {stage.definition_en}"
            )
            for word in words
        )
    )


def _in_force(scope: Scope, day: date) -> QuerySet[Designation]:
    territories = Designation.territories.through.objects
    milieux = Designation.milieux.through.objects
    place = Q()
    if scope.territory_id is not None:
        place |= Q(pk__in=territories.filter(territory=scope.territory_id).values("designation"))
    if scope.milieu_id is not None:
        place |= Q(pk__in=milieux.filter(milieu=scope.milieu_id).values("designation"))
    designations = Designation.objects.in_force(day).filter(place)
    if scope.stage_ids is not None:
        stages = Designation.stages.through.objects.filter(stage__in=scope.stage_ids)
        designations = designations.filter(pk__in=stages.values("designation"))
    if scope.language:
        designations = designations.filter(language_codes__contains=f" {scope.language} ")
    return designations


def _rows(scope: Scope, day: date) -> list[tuple[Any, ...]]:
    """The scope's designations in force as (milieu rank, level rank, *SHOWN), in the
    database's order: milieu named first, then primary before backup, then by name."""
    milieu_ids = [scope.milieu_id] if scope.milieu_id is not None else []
    in_milieu = Designation.milieux.through.objects.filter(
        designation=OuterRef("pk"), milieu__in=milieu_ids
    )
    return list(
        _in_force(scope, day)
        .annotate(
            rank_milieu=Case(When(Exists(in_milieu), then=0), default=1),
            rank_level=Case(When(level=Level.PRIMARY, then=0), default=1),
        )
        .order_by("rank_milieu", "rank_level", "pivot__full_name", "pk")
        .values_list("rank_milieu", "rank_level", *SHOWN)
    )


def candidates(scope: Scope, day: date) -> list[Candidate]:
    """Every designation in force for the scope on `day`, in the database's order, with
    their hours, absences and what their hits show: the same for every reader."""
    rows = _rows(scope, day)
    pks = [shown[0] for _milieu, _level, *shown in rows]
    # Equal values become one object, which pickle then stores once: the cached list of a
    # province's territory stays small (the same hours, dates and labels recur).
    shared: dict[Any, Any] = {}
    slots, absences = _hours(pks, day, shared)
    related = {name: _related(name, pks, shared) for name in RELATED}
    listed = []
    for milieu, level, *shown in rows:
        pk = shown[0]
        listed.append(
            Candidate(
                pk=pk,
                organisation_id=shown[AT_ORGANISATION_ID],
                in_milieu=milieu == 0,
                primary=level == 0,
                name=shown[AT_NAME],
                slots=_share(shared, tuple(slots[pk])),
                absences=tuple(absences[pk]),
                row=tuple(_share(shared, value) for value in shown),
                related={name: tuple(found.get(pk, ())) for name, found in related.items()},
            )
        )
    return listed


def _share(shared: dict[Any, Any], value: Any) -> Any:
    # Keyed by type too: 1 and True are equal, and must stay what they are.
    return shared.setdefault((type(value), value), value)


def _hours(
    pks: list[int], day: date, shared: dict[Any, Any]
) -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    slots: dict[int, list[Any]] = defaultdict(list)
    for pk, *slot in AvailabilitySlot.objects.filter(designation__in=pks).values_list(
        "designation", "weekday", "starts", "ends"
    ):
        slots[pk].append(_share(shared, tuple(slot)))
    absences: dict[int, list[Any]] = defaultdict(list)
    for pk, *dates in Absence.objects.filter(designation__in=pks, ends_on__gte=day).values_list(
        "designation", "starts_on", "ends_on"
    ):
        absences[pk].append(tuple(dates))
    return slots, absences


def _related(name: str, pks: list[int], shared: dict[Any, Any]) -> dict[int, list[tuple[Any, ...]]]:
    """The designations' stages, territories or milieux, in the model's own order, each
    row one tuple shared by every designation it belongs to."""
    model = RELATED[name]
    through = getattr(Designation, name).through
    prefix = model._meta.model_name
    ordering = [
        f"-{prefix}__{o[1:]}" if o.startswith("-") else f"{prefix}__{o}"
        for o in map(str, model._meta.ordering or [])
    ]
    values = (
        through.objects.filter(designation__in=pks)
        .order_by(*ordering)
        .values_list("designation", *(f"{prefix}__{column}" for column in _names(model)))
    )
    found: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for pk, *columns in values:
        found[pk].append(_share(shared, tuple(columns)))
    return found


def afresh(scope: Scope, day: date) -> Listing:
    return Listing(candidates(scope, day), kept=False)


def is_available(candidate: Candidate, moment: datetime) -> bool:
    """Within a weekly slot and not absent, in Québec time (as Designation.is_available)."""
    moment = moment.astimezone(LOCAL_ZONE)
    day, now = moment.date(), moment.time()
    if any(starts_on <= day <= ends_on for starts_on, ends_on in candidate.absences):
        return False
    return any(
        weekday == day.weekday() and starts <= now < ends
        for weekday, starts, ends in candidate.slots
    )


class Ranked(NamedTuple):
    candidate: Candidate
    available: bool
    own: bool


def rank(listed: list[Candidate], organisation_ids: set[int], moment: datetime) -> list[Ranked]:
    """The reader's own organisation first before the cut at twice the results (a
    province's territory has hundreds of pivots, and the ones kept must be the milieu's,
    primaries and the reader's own, not the first by name); then availability at this
    moment among those kept. Sorts are stable: the database's order holds within a rank."""
    kept = sorted(
        listed,
        key=lambda c: (not c.in_milieu, not c.primary, c.organisation_id not in organisation_ids),
    )[: MAX_RESULTS * 2]
    ranked = [
        Ranked(c, is_available(c, moment), c.organisation_id in organisation_ids) for c in kept
    ]
    ranked.sort(
        key=lambda r: (
            not r.candidate.in_milieu,
            not r.candidate.primary,
            not r.available,
            not r.own,
            r.candidate.name,
        )
    )
    return ranked[:MAX_RESULTS]


class _Builder:
    """Model instances from a candidate's values, as the queries would have given them;
    related rows shared between hits become one instance each."""

    def __init__(self) -> None:
        self.instances: dict[tuple[type[Model], Any], Model] = {}

    def one(self, model: type[Model], names: list[str], values: tuple[Any, ...]) -> Any:
        key = (model, values[0])
        if key not in self.instances:
            self.instances[key] = model.from_db("default", names, values)
        return self.instances[key]

    def hit(self, ranked: Ranked) -> Hit:
        candidate, row = ranked.candidate, ranked.candidate.row
        designation = Designation.from_db("default", DESIGNATION, row[: len(DESIGNATION)])
        pivot = self.one(User, PIVOT, (designation.pivot_id, *row[AT_PIVOT]))
        contact = None
        if row[AT_CONTACT][0] is not None:
            contact = self.one(PivotContact, CONTACT, row[AT_CONTACT])
            PivotContact.user.field.set_cached_value(contact, pivot)
        User.pivot_contact.related.set_cached_value(pivot, contact)  # None: none given
        organisation = self.one(
            Organisation, ORGANISATION, (designation.organisation_id, *row[AT_ORGANISATION])
        )
        Designation.pivot.field.set_cached_value(designation, pivot)
        Designation.organisation.field.set_cached_value(designation, organisation)
        related = {
            name: [self.one(model, _names(model), values) for values in candidate.related[name]]
            for name, model in RELATED.items()
        }
        designation._prefetched_objects_cache = {  # type: ignore[attr-defined]
            name: _prefetched(RELATED[name], instances) for name, instances in related.items()
        }
        return Hit(
            designation,
            ranked.available,
            ranked.own,
            candidate.in_milieu,
            contact.work_phone if contact else "",
            contact.work_email if contact else "",
            related["stages"],
            related["territories"],
        )


def _prefetched(model: type[Model], instances: list[Any]) -> QuerySet[Any]:
    # As prefetch_related() leaves it: a queryset whose results are already there.
    found: QuerySet[Any] = QuerySet(model=model)
    found._result_cache = instances
    found._prefetch_done = True  # type: ignore[attr-defined]
    return found


def _in_force_pks(ranked: list[Ranked], day: date) -> set[int]:
    pks = {r.candidate.pk for r in ranked}
    return set(
        Designation.objects.in_force(day).filter(pk__in=pks).order_by().values_list("pk", flat=True)
    )


def _search(
    scope: Scope, organisation_ids: set[int], moment: datetime, lister: Lister
) -> list[Hit]:
    day = moment.astimezone(LOCAL_ZONE).date()
    listing = lister(scope, day)
    ranked = rank(listing.candidates, organisation_ids, moment)
    if ranked and listing.kept and len(_in_force_pks(ranked, day)) < len(ranked):
        # A list kept from before names a designation no longer in force (a write that
        # bypassed whocache's invalidation): never shown, the scope is listed afresh.
        return _search(scope, organisation_ids, moment, afresh)
    builder = _Builder()
    return [builder.hit(r) for r in ranked]


def scope_of(question: Question) -> Scope:
    milieu = question.milieu
    territory_id = question.territory.pk if question.territory else None
    return Scope(
        milieu_id=milieu.pk if milieu else None,
        territory_id=territory_id or (milieu.territory_id if milieu else None),
        stage_ids=_stage_ids(question),
        language=question.language,
    )


def find(
    question: Question,
    *,
    organisation_ids: set[int],
    moment: datetime | None = None,
    lister: Lister = afresh,
) -> Answer:
    """The pivots to call, best first. `lister` gives each scope's candidates: listed
    afresh by default, from the cache when whocache calls."""
    moment = moment or local_now()
    scope = scope_of(question)
    hits = _search(scope, organisation_ids, moment, lister)
    if hits:
        return Answer(hits=hits)
    answer = Answer(hits=[], fallback=fallback(question))
    for reason, wider in (
        ("language", replace(scope, language="")),
        ("stage", replace(scope, stage_ids=None, language="")),
    ):
        if question.language or reason == "stage":
            closest = _search(wider, organisation_ids, moment, lister)
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
