"""The coordination board: for each organisation, its pivots, coverage gaps, expiring
designations, confirmations due, unacknowledged mandates and recent outreach.

Everything is loaded in a fixed number of queries for any number of organisations, then
assembled in Python; the Table-wide summary is paged (the database picks the partners it
shows), so the coordinator's board of a province costs what a region's does."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet

from filet.accounts.models import User
from filet.directory.models import Profile, Territory
from filet.matrix.models import Cell, Responsibility, Stage
from filet.organisations.models import Membership, Organisation, OrganisationType
from filet.organisations.roles import Role
from filet.pivots.models import (
    EXPIRY_NOTICE_DAYS,
    Acknowledgement,
    Activity,
    Designation,
    Level,
    MandateVersion,
    local_now,
)

RECENT_ACTIVITIES = 8
SUMMARY_PER_PAGE = 30  # a region's Table fits on one page
Scope = dict[int, set[int]]  # designation id -> stage or territory ids
# The stages an organisation answers for in the matrix: it should have pivots there.
OWNED = (Responsibility.LEAD, Responsibility.CONTRIBUTES)


@dataclass
class Gap:
    label: str
    kind: str  # "stage" or "territory"
    missing: str  # "pivot" or "backup"


@dataclass
class OrganisationBoard:
    organisation: Organisation
    designations: list[Designation] = field(default_factory=list)
    lapsed: list[Designation] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    expiring: list[Designation] = field(default_factory=list)
    confirmation_due: list[Designation] = field(default_factory=list)
    unacknowledged: list[User] = field(default_factory=list)

    @property
    def missing_pivot(self) -> int:
        return sum(gap.missing == "pivot" for gap in self.gaps)

    @property
    def missing_backup(self) -> int:
        return sum(gap.missing == "backup" for gap in self.gaps)


@dataclass
class Board:
    organisations: list[OrganisationBoard]
    recent: list[Activity]


def _organisations(ids: set[int] | None) -> QuerySet[Organisation]:
    organisations = Organisation.objects.active()
    if ids is None:  # the Table's own coordination names no pivots
        return organisations.exclude(type=OrganisationType.COORDINATION)
    return organisations.filter(pk__in=ids)


def build(ids: set[int] | None) -> Board:
    """Boards of the given organisations (None: the Table's summary, every active partner
    with pivots or gaps; rows are then not prefetched, the summary shows counts only)."""
    organisations = _organisations(ids)
    if ids is None:
        organisations = organisations.filter(_with_pivots_or_gaps())
    return _build(list(organisations.order_by("name_fr")), detailed=ids is not None)


def summary(page_number: str | None) -> tuple[Page[Organisation], Board]:
    """One page of the Table's summary: a province has some 500 partners, and a line each
    would cost the coordinator a second per view. Recent outreach stays Table-wide."""
    shown = (
        _organisations(None)
        .filter(_with_pivots_or_gaps())
        .order_by("name_fr", "pk")
        .only("name_fr", "name_en")  # all the summary shows of them
    )
    # Paged in Python: one query for some 500 short rows, rather than a count and a slice.
    page = Paginator(list(shown), SUMMARY_PER_PAGE).get_page(page_number)
    return page, _build(list(page.object_list), detailed=False, recent_from=_organisations(None))


def _with_pivots_or_gaps() -> Q:
    """What build() would show on the summary, decided by the database: an open
    designation (in force or lapsed), or a stage (owned in the matrix) or territory (served)
    that therefore needs a pivot — without a designation, that is a gap."""
    owned = Cell.objects.filter(
        organisation=OuterRef("pk"), responsibility__in=OWNED, stage__is_active=True
    )
    served = Profile.territories.through.objects.filter(profile__organisation=OuterRef("pk"))
    designated = Designation.objects.filter(organisation=OuterRef("pk"), withdrawn_at__isnull=True)
    return Q(Exists(designated)) | Q(Exists(owned)) | Q(Exists(served))


def _build(
    organisations: list[Organisation],
    *,
    detailed: bool,
    recent_from: QuerySet[Organisation] | None = None,
) -> Board:
    today = local_now().date()
    boards = {o.pk: OrganisationBoard(o) for o in organisations}
    # Whether each counts, in the same query; the subquery names the organisations too, or
    # PostgreSQL would list every designation in force in the province to answer it.
    in_force = Designation.objects.in_force(today).filter(
        pk=OuterRef("pk"), organisation__in=list(boards)
    )
    open_designations = Designation.objects.filter(
        organisation__in=list(boards), withdrawn_at__isnull=True
    ).annotate(counts=Exists(in_force))
    if detailed:
        open_designations = open_designations.select_related("pivot").prefetch_related(
            "stages", "territories"
        )
    else:  # the summary counts them: what _coverage and the deadlines need
        open_designations = open_designations.only(
            "organisation", "level", "valid_until", "confirmed_on"
        )
    for designation in open_designations:
        board = boards[designation.organisation_id]
        if not designation.counts:
            board.lapsed.append(designation)
            continue
        board.designations.append(designation)
        if designation.is_expiring(today):
            board.expiring.append(designation)
        if designation.confirmation_due_on() <= today + timedelta(days=EXPIRY_NOTICE_DAYS):
            board.confirmation_due.append(designation)
    _gaps(boards)
    _acknowledgements(boards)
    recent = list(
        Activity.objects.filter(
            organisation__in=list(boards) if recent_from is None else recent_from
        )
        .select_related("pivot", "milieu", "organisation")
        .order_by("-held_on", "-pk")[:RECENT_ACTIVITIES]
    )
    return Board(organisations=list(boards.values()), recent=recent)


def _scopes(boards: dict[int, OrganisationBoard]) -> tuple[Scope, Scope]:
    """Stage ids and territory ids of each open designation, two queries for all."""
    open_ids = Designation.objects.filter(
        organisation__in=list(boards), withdrawn_at__isnull=True
    ).values("pk")
    stages: Scope = defaultdict(set)
    for designation_id, stage_id in Designation.stages.through.objects.filter(
        designation__in=open_ids
    ).values_list("designation", "stage"):
        stages[designation_id].add(stage_id)
    territories: Scope = defaultdict(set)
    for designation_id, territory_id in Designation.territories.through.objects.filter(
        designation__in=open_ids
    ).values_list("designation", "territory"):
        territories[designation_id].add(territory_id)
    return stages, territories


def _gaps(boards: dict[int, OrganisationBoard]) -> None:
    stage_labels = {s.pk: s.label for s in Stage.objects.active().only("label_fr", "label_en")}
    territory_names = {t.pk: t.name for t in Territory.objects.only("name_fr", "name_en")}
    wanted_stages: dict[int, set[int]] = defaultdict(set)
    for organisation_id, stage_id in Cell.objects.filter(
        organisation__in=list(boards), responsibility__in=OWNED
    ).values_list("organisation", "stage"):
        wanted_stages[organisation_id].add(stage_id)
    wanted_territories: dict[int, set[int]] = defaultdict(set)
    for organisation_id, territory_id in Profile.territories.through.objects.filter(
        profile__organisation__in=list(boards)
    ).values_list("profile__organisation", "territory"):
        wanted_territories[organisation_id].add(territory_id)
    stages, territories = _scopes(boards)
    for pk, board in boards.items():
        for designation in board.designations + board.lapsed:
            wanted_stages[pk] |= stages[designation.pk]
            wanted_territories[pk] |= territories[designation.pk]
        board.gaps = _coverage(
            board.designations,
            (stages, {i: stage_labels[i] for i in wanted_stages[pk] if i in stage_labels}),
            (territories, {i: territory_names[i] for i in wanted_territories[pk]}),
        )


def _coverage(
    designations: list[Designation],
    stages: tuple[Scope, dict[int, str]],
    territories: tuple[Scope, dict[int, str]],
) -> list[Gap]:
    gaps = []
    for kind, (scope, wanted) in (("stage", stages), ("territory", territories)):
        levels: dict[int, set[str]] = defaultdict(set)
        for designation in designations:
            for pk in scope[designation.pk]:
                levels[pk].add(designation.level)
        for pk, label in sorted(wanted.items(), key=lambda item: item[1]):
            if not levels[pk]:
                gaps.append(Gap(label, kind, "pivot"))
            elif Level.BACKUP not in levels[pk]:
                gaps.append(Gap(label, kind, "backup"))
    return gaps


def _acknowledgements(boards: dict[int, OrganisationBoard]) -> None:
    current = MandateVersion.objects.current()
    if current is None:
        return
    done = set(Acknowledgement.objects.filter(version=current).values_list("pivot", flat=True))
    memberships = (
        Membership.objects.current()
        .filter(organisation__in=list(boards), role=Role.PIVOT, user__is_active=True)
        .select_related("user")
        .only("organisation", "user__full_name")  # the board names them, no more
    )
    for membership in memberships:
        if membership.user_id not in done:
            boards[membership.organisation_id].unacknowledged.append(membership.user)
