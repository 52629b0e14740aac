"""Bench data for consultations (called by bench/data.py after the pivots): a dozen
questions per pivot over four years — about 30 000 on a province — mostly answered and
rated, some withdrawn, a tenth still open (some overdue), with their routings, answers,
overdue steps and notices, written with bulk inserts.

The first consultation (pk 1 on a fresh bench database, the one bench/pages.py opens) went
through the first pivots in turn (redirected each time), so that every pivot session the
bench signs in may read it."""

import random
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from filet.consultations.models import (
    TOPIC_VOCABULARIES,
    Consultation,
    Message,
    MessageKind,
    Notification,
    NotificationKind,
    Rating,
    Reminder,
    Routing,
    RoutingKind,
    Status,
    Step,
    Urgency,
)
from filet.organisations.models import Membership
from filet.organisations.roles import Role
from filet.pivots.models import Designation
from filet.taxonomy.models import Term

BATCH = 1000
PER_PIVOT = 12
SHOWCASE_PIVOTS = 40
START = datetime(2022, 1, 3, 14, 0, tzinfo=UTC)
NOW = datetime(2026, 1, 5, 14, 0, tzinfo=UTC)
SPAN = NOW - START - timedelta(days=30)


def generate_consultations(rng: random.Random) -> int:
    """Returns the number of consultations written."""
    designations = list(
        Designation.objects.order_by("pk").values_list("pk", "pivot", "organisation")
    )
    workers = list(Membership.objects.filter(role=Role.WORKER).values_list("user", "organisation"))
    topics = list(
        Term.objects.filter(vocabulary__in=TOPIC_VOCABULARIES).values_list("pk", flat=True)
    )
    territories = _territories()
    if not designations or not workers or not topics:
        return 0
    plans = [_showcase(designations, workers[0], topics[0], territories)]
    for designation in designations:
        plans += [_plan(rng, designation, workers, topics, territories) for _ in range(PER_PIVOT)]
    created = Consultation.objects.bulk_create([plan[0] for plan in plans], batch_size=BATCH)
    _children(plans, created, rng)
    return len(created)


def _territories() -> dict[int, int]:
    found: dict[int, int] = {}
    for designation, territory in Designation.territories.through.objects.order_by(
        "pk"
    ).values_list("designation", "territory"):
        found.setdefault(designation, territory)
    return found


Plan = tuple[Consultation, list[tuple[int, int, int]]]  # consultation, routings (pk, user, org)


def _consultation(
    worker: tuple[int, int],
    designation: tuple[int, int, int],
    topic: int,
    territory: int,
    created: datetime,
    status: str,
    urgency: str,
) -> Consultation:
    _pk, pivot, organisation = designation
    answered = status in (Status.ANSWERED, Status.CLOSED)
    responded = created + timedelta(hours=3 if urgency == Urgency.URGENT else 20)
    closed = status in (Status.CLOSED, Status.WITHDRAWN)
    return Consultation(
        requester_id=worker[0],
        requester_organisation_id=worker[1],
        assignee_id=pivot,
        organisation_id=organisation,
        territory_id=territory,
        topic_id=topic,
        language="fr",
        urgency=urgency,
        question="Question de banc d'essai sur une situation, sans nom.",
        status=status,
        created_at=created,
        due_at=created + timedelta(hours=8 if urgency == Urgency.URGENT else 56),
        first_response_at=responded if status != Status.NEW else None,
        answered_at=responded if answered else None,
        answered_by_id=pivot if answered else None,
        answered_organisation_id=organisation if answered else None,
        closed_at=responded + timedelta(days=2) if closed else None,
        rating=Rating.USEFUL if status == Status.CLOSED else "",
        rated_at=responded + timedelta(days=2) if status == Status.CLOSED else None,
        submission=uuid.uuid4(),
    )


def _plan(
    rng: random.Random,
    designation: tuple[int, int, int],
    workers: list[tuple[int, int]],
    topics: list[int],
    territories: dict[int, int],
) -> Plan:
    roll = rng.random()
    if roll < 0.1:
        status = rng.choice([Status.NEW, Status.ACCEPTED, Status.NEEDS_INFO])
        created = NOW - timedelta(hours=rng.randrange(1, 240))
    else:
        status = Status.WITHDRAWN if roll < 0.15 else rng.choice([Status.CLOSED, Status.ANSWERED])
        created = START + SPAN * rng.random()
    urgency = Urgency.URGENT if rng.random() < 0.2 else Urgency.NORMAL
    consultation = _consultation(
        rng.choice(workers),
        designation,
        rng.choice(topics),
        territories.get(designation[0], 1),
        created,
        status,
        urgency,
    )
    return consultation, [designation]


def _showcase(
    designations: list[tuple[int, int, int]],
    worker: tuple[int, int],
    topic: int,
    territories: dict[int, int],
) -> Plan:
    # bench_sessions signs in the pivots in the order of their roles: follow that order.
    first = (
        Membership.objects.current()
        .filter(role=Role.PIVOT, user__is_active=True, organisation__is_active=True)
        .order_by("pk")
        .values_list("user", flat=True)[:SHOWCASE_PIVOTS]
    )
    by_pivot: dict[int, tuple[int, int, int]] = {}
    for designation in designations:
        by_pivot.setdefault(designation[1], designation)
    chain = [by_pivot[user] for user in first if user in by_pivot] or designations[:1]
    consultation = _consultation(
        worker,
        chain[0],
        topic,
        territories.get(chain[0][0], 1),
        NOW - timedelta(hours=30),
        Status.ACCEPTED,
        Urgency.NORMAL,
    )
    return consultation, list(reversed(chain))


def _children(plans: list[Plan], created: list[Consultation], rng: random.Random) -> None:
    routings, messages, reminders, notices = [], [], [], []
    for (_plan_row, chain), consultation in zip(plans, created, strict=True):
        for n, (designation, pivot, organisation) in enumerate(chain):
            last = n == len(chain) - 1
            routings.append(
                Routing(
                    consultation_id=consultation.pk,
                    to_user_id=pivot,
                    organisation_id=organisation,
                    designation_id=designation,
                    kind=RoutingKind.CHOSEN if n == 0 else RoutingKind.REDIRECTED,
                    created_at=consultation.created_at + timedelta(minutes=n),
                    responded_at=consultation.first_response_at if last else None,
                )
            )
        messages += _messages(consultation)
        if consultation.status in (Status.NEW, Status.ACCEPTED) and consultation.due_at < NOW:
            reminders.append(
                Reminder(
                    consultation_id=consultation.pk,
                    round=1,
                    step=Step.REMINDER,
                    organisation_id=consultation.organisation_id,
                    created_at=NOW,
                )
            )
        if consultation.status in (Status.NEW, Status.NEEDS_INFO) or rng.random() < 0.02:
            notices.append(
                Notification(
                    recipient_id=consultation.assignee_id,
                    consultation_id=consultation.pk,
                    kind=NotificationKind.RECEIVED,
                    created_at=consultation.created_at,
                )
            )
    Routing.objects.bulk_create(routings, batch_size=BATCH)
    Message.objects.bulk_create(messages, batch_size=BATCH)
    Reminder.objects.bulk_create(reminders, batch_size=BATCH)
    Notification.objects.bulk_create(notices, batch_size=BATCH)


def _messages(consultation: Consultation) -> list[Message]:
    found: dict[str, list[Message]] = defaultdict(list)
    at = consultation.first_response_at
    if consultation.status == Status.NEEDS_INFO and at is not None:
        found["ask"].append(
            Message(
                consultation_id=consultation.pk,
                kind=MessageKind.ASK_BACK,
                author_id=consultation.assignee_id,
                text="Quel âge approximatif?",
                created_at=at,
                submission=uuid.uuid4(),
            )
        )
    if consultation.answered_at is not None:
        found["answer"].append(
            Message(
                consultation_id=consultation.pk,
                kind=MessageKind.ANSWER,
                author_id=consultation.assignee_id,
                text="Réponse de banc d'essai : repères, ressources et suite à donner.",
                created_at=consultation.answered_at,
                submission=uuid.uuid4(),
            )
        )
    return [message for rows in found.values() for message in rows]
