"""Bench data for the safety net (called by bench/data.py): ten years of concerted
situations — about 2 350 per region, 40 000 for the province — with their participants,
plans, notes and indicators, written with bulk inserts.

Each partner organisation also gets a *showcase* situation, still active, opened by its
first pivot, with partners, actions and notes: its code is ``QC-2026-<organisation pk>``,
so that bench/pages.py can ask a pivot's own situation page by organisation."""

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from filet.directory.models import Territory
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.pivots.models import MilieuType
from filet.situations.models import (
    Action,
    ActionStatus,
    AgeBand,
    DpjReport,
    Gender,
    Note,
    Outcome,
    Participant,
    Situation,
    SituationCounter,
    Status,
)
from filet.taxonomy.models import Term, Vocabulary

BATCH = 1000
# About 2 350 situations for a region's 750 pivots and workers: 40 000 for the province.
PER_OPENER = 3.15
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SPAN_DAYS = 3650
SHOWCASE_YEAR = EPOCH.year
NOTES = ["Premier contact fait.", "Rencontre de suivi tenue.", "Relais vers le partenaire."]


@dataclass
class Plan:
    """One situation and the rows that hang from it, before insertion."""

    situation: Situation
    participants: list[Participant] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128))


def _people(role: str) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    rows = Membership.objects.filter(role=role, ended_at__isnull=True).order_by("pk")
    for organisation_id, user_id in rows.values_list("organisation_id", "user_id"):
        found[organisation_id].append(user_id)
    return found


def _status(rng: random.Random, age: timedelta) -> str:
    if age > timedelta(days=180):
        return Status.CLOSED if rng.random() < 0.97 else Status.MONITORING
    if age > timedelta(days=60):
        return rng.choice([Status.ACTIVE, Status.MONITORING, Status.CLOSED])
    return rng.choice([Status.OPEN, Status.ACTIVE])


class Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pivots, self.workers = _people(Role.PIVOT), _people(Role.WORKER)
        self.sectors = list(Territory.objects.order_by("pk").values_list("pk", flat=True))
        self.terms = list(
            Term.objects.of(Vocabulary.INDICATOR).order_by("pk").values_list("pk", flat=True)
        )

    def situation(self, org: int, opener: int, opened: datetime, status: str) -> Situation:
        rng = self.rng
        closed = status == Status.CLOSED
        return Situation(
            organisation_id=org, opened_by_id=opener, opened_at=opened, updated_at=opened,
            age_band=rng.choice(AgeBand.values), gender=rng.choice(Gender.values),
            sector_id=rng.choice(self.sectors), milieu_type=rng.choice(MilieuType.values),
            dpj_report=rng.choice(DpjReport.values), status=status,
            summary="Absences répétées, cadeaux inexpliqués.",
            outcome=rng.choice(Outcome.values) if closed else "",
            closed_at=opened + timedelta(days=rng.randrange(30, 170)) if closed else None,
            lead_organisation_id=org if rng.random() < 0.8 else None,
            next_review_on=None if closed else (opened + timedelta(days=rng.randrange(30, 120))).date(),  # noqa: E501
            submission=_uuid(rng),
        )  # fmt: skip

    def plan(self, partners: list[Organisation], org: int, opener: int, opened: datetime,
             status: str, invited: int) -> Plan:  # fmt: skip
        rng = self.rng
        plan = Plan(self.situation(org, opener, opened, status))
        plan.participants.append(Participant(organisation_id=org, person_id=opener,
            status=Participant.Status.ACCEPTED, invited_by_id=opener, invited_at=opened,
            responded_at=opened))  # fmt: skip
        others = [o.pk for o in partners if o.pk != org and self.pivots.get(o.pk)]
        for other in rng.sample(others, min(invited, len(others))):
            plan.participants.append(self.participant(other, opener, opened, status))
        taking_part = [p for p in plan.participants if p.status == Participant.Status.ACCEPTED]
        for _ in range(2):
            who = rng.choice(taking_part)
            plan.actions.append(self.action(who, opener, opened, status))
        week = opened + timedelta(days=7)
        plan.notes.append(Note(author_id=opener, text=rng.choice(NOTES), created_at=week,
                               submission=_uuid(rng)))  # fmt: skip
        plan.indicators = rng.sample(self.terms, min(2, len(self.terms)))
        return plan

    def participant(self, org: int, opener: int, opened: datetime, status: str) -> Participant:
        rng = self.rng
        roll = rng.random()
        answer = (
            Participant.Status.ACCEPTED if roll < 0.75
            else Participant.Status.DECLINED if roll < 0.85
            else Participant.Status.LEFT if roll < 0.95 or status == Status.CLOSED
            else Participant.Status.INVITED
        )  # fmt: skip
        responded = opened + timedelta(days=rng.randrange(1, 10))
        return Participant(
            organisation_id=org, person_id=rng.choice(self.pivots[org]), status=answer,
            invited_by_id=opener, invited_at=opened,
            responded_at=None if answer == Participant.Status.INVITED else responded,
            left_at=responded + timedelta(days=20) if answer == Participant.Status.LEFT else None,
            reason="Hors mandat." if answer == Participant.Status.DECLINED else "",
        )  # fmt: skip

    def action(self, who: Participant, by: int, opened: datetime, status: str) -> Action:
        rng = self.rng
        due = (opened + timedelta(days=rng.randrange(14, 60))).date()
        if status == Status.CLOSED:
            state = rng.choice([ActionStatus.DONE, ActionStatus.DONE, ActionStatus.CANCELLED])
        else:
            state = rng.choice([ActionStatus.TO_DO, ActionStatus.IN_PROGRESS, ActionStatus.DONE])
        return Action(
            title="Rencontre de suivi", organisation_id=who.organisation_id,
            person_id=who.person_id, due_on=due, status=state, created_by_id=by,
            created_at=opened, submission=_uuid(rng),
        )  # fmt: skip


def _numbered(plans: list[Plan], showcases: list[Plan]) -> None:
    """Numbers per year in order of opening; showcases take their organisation's pk."""
    last: dict[int, int] = defaultdict(int)
    for plan in showcases:
        s = plan.situation
        s.year, s.number = SHOWCASE_YEAR, s.organisation_id
        last[SHOWCASE_YEAR] = max(last[SHOWCASE_YEAR], s.number)
    for plan in sorted(plans, key=lambda p: p.situation.opened_at):
        s = plan.situation
        s.year = s.opened_at.year
        last[s.year] += 1
        s.number = last[s.year]
    for plan in plans + showcases:
        s = plan.situation
        s.code = f"QC-{s.year}-{s.number:04d}"
    SituationCounter.objects.bulk_create(
        [SituationCounter(year=year, last=n) for year, n in last.items()]
    )


def _region(gen: Generator, partners: list[Organisation]) -> tuple[list[Plan], list[Plan]]:
    rng = gen.rng
    openers = [
        (o.pk, u) for o in partners for u in gen.pivots.get(o.pk, []) + gen.workers.get(o.pk, [])
    ]
    plans = []
    for _ in range(round(len(openers) * PER_OPENER)):
        org, opener = rng.choice(openers)
        opened = EPOCH - timedelta(days=rng.uniform(0, SPAN_DAYS))
        status = _status(rng, EPOCH - opened)
        plans.append(gen.plan(partners, org, opener, opened, status, rng.randrange(0, 4)))
    showcases = [
        gen.plan(partners, o.pk, gen.pivots[o.pk][0], EPOCH - timedelta(days=40), Status.ACTIVE, 3)
        for o in partners
        if gen.pivots.get(o.pk)
    ]
    return plans, showcases


def generate_situations(regions: list[list[Organisation]], rng: random.Random) -> int:
    """Returns the number of situations written."""
    gen = Generator(rng)
    if not gen.sectors:
        return 0
    plans: list[Plan] = []
    showcases: list[Plan] = []
    for organisations in regions:
        found, shown = _region(gen, organisations[1:])
        plans += found
        showcases += shown
    everything = plans + showcases
    _numbered(plans, showcases)
    Situation.objects.bulk_create([p.situation for p in everything], batch_size=BATCH)
    for plan in everything:
        rows: list[Participant | Action | Note] = [*plan.participants, *plan.actions, *plan.notes]
        for row in rows:
            row.situation_id = plan.situation.pk
    Participant.objects.bulk_create(
        [r for p in everything for r in p.participants], batch_size=BATCH
    )
    Action.objects.bulk_create([r for p in everything for r in p.actions], batch_size=BATCH)
    Note.objects.bulk_create([r for p in everything for r in p.notes], batch_size=BATCH)
    through = Situation.indicators.through
    through.objects.bulk_create(
        [through(situation_id=p.situation.pk, term_id=t) for p in everything for t in p.indicators],
        batch_size=BATCH,
    )
    return len(everything)
