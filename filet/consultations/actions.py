"""State changes of consultations: each atomic, audited in the same transaction, with its
notices. The transitions a status allows are listed in ALLOWED and enforced here; every
change takes the version the person saw (a stale one is refused, nothing overwritten), and
a submission sent twice changes nothing the second time."""

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.consultations import deadlines
from filet.consultations.models import (
    ESCALATIONS,
    Consultation,
    Message,
    MessageKind,
    Notification,
    NotificationKind,
    Routing,
    RoutingKind,
    Status,
)
from filet.consultations.notify import notify
from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.pivots import search
from filet.pivots.models import Designation
from filet.taxonomy.models import Term

S = Status
# action → statuses it may start from.
ALLOWED: dict[str, tuple[str, ...]] = {
    "accept": (S.NEW,),
    "ask_back": (S.NEW, S.ACCEPTED, S.ESCALATED),
    "reply": (S.NEEDS_INFO,),
    "answer": (S.NEW, S.ACCEPTED, S.ESCALATED),
    "redirect": (S.NEW, S.ACCEPTED, S.ESCALATED),
    "escalate": (S.NEW, S.ACCEPTED, S.ESCALATED),
    "rate": (S.ANSWERED,),
    "withdraw": (S.NEW, S.ACCEPTED, S.NEEDS_INFO, S.ESCALATED),
    "propose_faq": (S.ANSWERED, S.CLOSED),
}

# What a step adding a message changes once the message is in: the locked row, by whom.
Change = Callable[[Consultation, User, HttpRequest | None], None]


class StaleConsultation(Exception):
    """Someone changed the consultation since the page was opened."""

    def __init__(self, current: Consultation) -> None:
        super().__init__("stale consultation")
        self.current = current


class NotAllowed(Exception):
    """The consultation's status does not allow this change (any more)."""


class NoPivot(Exception):
    """Automatic routing found nobody: the answer says who to call instead."""

    def __init__(self, answer: search.Answer) -> None:
        super().__init__("no pivot")
        self.answer = answer


class NoRecipient(Exception):
    """Nobody holds the role an escalation is meant for."""


@dataclass
class Request:
    """What a worker asks, as the form gives it."""

    territory: Territory
    topic: Term
    urgency: str
    question: str
    language: str
    stage: Stage | None = None
    designation: Designation | None = None


def route(wanted: Request, *, by: User) -> Designation:
    """The chosen pivot if still in force, else the best hit of who to call for the
    territory, stage and language (never the requester themself)."""
    if wanted.designation is not None:
        return wanted.designation
    answer = search.find(
        search.Question(territory=wanted.territory, stage=wanted.stage, language=wanted.language),
        organisation_ids=by.organisation_ids(),
    )
    hits = [hit for hit in answer.hits if hit.designation.pivot_id != by.pk]
    if not hits:
        raise NoPivot(answer)
    return hits[0].designation


@transaction.atomic
def ask(
    wanted: Request,
    *,
    by: User,
    organisation: Organisation,
    submission: uuid.UUID,
    request: HttpRequest | None = None,
) -> Consultation:
    """Send a question to a pivot; the same submission sent twice asks once."""
    existing = Consultation.objects.filter(requester=by, submission=submission).first()
    if existing is not None:
        return existing
    designation = route(wanted, by=by)
    now = timezone.now()
    consultation = Consultation(
        requester=by,
        requester_organisation=organisation,
        assignee=designation.pivot,
        organisation=designation.organisation,
        territory=wanted.territory,
        stage=wanted.stage,
        topic=wanted.topic,
        language=wanted.language,
        urgency=wanted.urgency,
        question=wanted.question,
        due_at=deadlines.due_at(wanted.urgency, now),
        created_at=now,
        submission=submission,
    )
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:
        return Consultation.objects.get(requester=by, submission=submission)
    kind = RoutingKind.CHOSEN if wanted.designation else RoutingKind.AUTOMATIC
    Routing.objects.create(
        consultation=consultation,
        kind=kind,
        to_user=designation.pivot,
        organisation=designation.organisation,
        designation=designation,
        by=by,
        created_at=now,
    )
    audit(by, "consultation.created", consultation, request, routing=kind)
    notify([designation.pivot], consultation, NotificationKind.RECEIVED)
    return consultation


def audit(
    by: User | None,
    action: str,
    consultation: Consultation,
    request: HttpRequest | None,
    **data: Any,
) -> None:
    record(
        by,
        action,
        consultation,
        organisation=consultation.organisation,
        request=request,
        status=consultation.status,
        **data,
    )


def lock(consultation: Consultation, action: str, version: int | None) -> Consultation:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.version != version:
        raise StaleConsultation(locked)
    if locked.status not in ALLOWED[action]:
        raise NotAllowed(action)
    return locked


def save_changes(consultation: Consultation, *fields: str) -> None:
    consultation.version += 1
    consultation.save(update_fields=["version", *fields])


def _first_response(consultation: Consultation, moment: datetime) -> list[str]:
    """Mark the first response of the consultation and of its current routing."""
    Routing.objects.filter(
        consultation=consultation, to_user=consultation.assignee, responded_at__isnull=True
    ).update(responded_at=moment)
    if consultation.first_response_at is None:
        consultation.first_response_at = moment
        return ["first_response_at"]
    return []


@transaction.atomic
def accept(
    consultation: Consultation, *, by: User, version: int | None, request: HttpRequest | None = None
) -> Consultation:
    """The pivot takes the consultation; a second click changes nothing."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.status == S.ACCEPTED:
        return current
    locked = lock(consultation, "accept", version)
    locked.status = S.ACCEPTED
    save_changes(locked, "status", *_first_response(locked, timezone.now()))
    audit(by, "consultation.accepted", locked, request)
    return locked


def _message_step(action: str, kind: str) -> Callable[[Change], Callable[..., Consultation]]:
    """The steps that add a message to the thread (ask back, reply, answer) share their
    prologue: a submission already recorded changes nothing, otherwise lock the
    consultation and add the message; the decorated function then makes its own change."""

    def wrap(change: Change) -> Callable[..., Consultation]:
        @functools.wraps(change)
        @transaction.atomic
        def step(
            consultation: Consultation,
            *,
            by: User,
            version: int | None,
            text: str,
            submission: uuid.UUID,
            request: HttpRequest | None = None,
        ) -> Consultation:
            if Message.objects.filter(submission=submission).exists():
                return Consultation.objects.get(pk=consultation.pk)
            locked = lock(consultation, action, version)
            Message.objects.create(
                consultation=locked, kind=kind, author=by, text=text, submission=submission
            )
            change(locked, by, request)
            return locked

        return step

    return wrap


@_message_step("ask_back", MessageKind.ASK_BACK)
def ask_back(locked: Consultation, by: User, request: HttpRequest | None) -> None:
    """The pivot needs details: the consultation waits for the requester."""
    locked.status = S.NEEDS_INFO
    save_changes(locked, "status", *_first_response(locked, timezone.now()))
    audit(by, "consultation.asked_back", locked, request)
    notify([locked.requester], locked, NotificationKind.ASKED_BACK)


@_message_step("reply", MessageKind.REPLY)
def reply(locked: Consultation, by: User, request: HttpRequest | None) -> None:
    """The requester gives the details asked: the clock starts again for the pivot."""
    latest = locked.routings.order_by("-created_at", "-pk").first()
    escalated = latest is not None and latest.kind in ESCALATIONS
    locked.status = S.ESCALATED if escalated else S.ACCEPTED
    locked.due_at = deadlines.due_at(locked.urgency, timezone.now())
    locked.round += 1
    save_changes(locked, "status", "due_at", "round")
    audit(by, "consultation.replied", locked, request)
    notify([locked.assignee], locked, NotificationKind.REPLIED)


@_message_step("answer", MessageKind.ANSWER)
def answer(locked: Consultation, by: User, request: HttpRequest | None) -> None:
    """The answer: the requester is told (a link), and may rate it."""
    now = timezone.now()
    locked.status = S.ANSWERED
    locked.answered_at, locked.answered_by = now, by
    locked.answered_organisation_id = locked.organisation_id
    fields = ["status", "answered_at", "answered_by", "answered_organisation"]
    save_changes(locked, *fields, *_first_response(locked, now))
    audit(by, "consultation.answered", locked, request)
    notify([locked.requester], locked, NotificationKind.ANSWERED)


def move_to(
    consultation: Consultation,
    *,
    to_user: User,
    organisation: Organisation,
    kind: str,
    by: User | None,
    reason: str = "",
    designation: Designation | None = None,
    submission: uuid.UUID | None = None,
) -> None:
    """Route the consultation to someone else; the previous person keeps read access."""
    previous = consultation.assignee
    Routing.objects.create(
        consultation=consultation,
        kind=kind,
        to_user=to_user,
        organisation=organisation,
        designation=designation,
        reason=reason,
        by=by,
        submission=submission,
    )
    consultation.assignee, consultation.organisation = to_user, organisation
    if previous.pk != to_user.pk:
        notify([previous], consultation, NotificationKind.MOVED)


def _routed(submission: uuid.UUID) -> bool:
    return Routing.objects.filter(submission=submission).exists()


@transaction.atomic
def redirect(
    consultation: Consultation,
    *,
    by: User,
    version: int | None,
    designation: Designation,
    reason: str,
    submission: uuid.UUID,
    request: HttpRequest | None = None,
) -> Consultation:
    """Send the consultation to another pivot, saying why; a fresh deadline starts."""
    if _routed(submission):
        return Consultation.objects.get(pk=consultation.pk)
    locked = lock(consultation, "redirect", version)
    move_to(
        locked,
        to_user=designation.pivot,
        organisation=designation.organisation,
        kind=RoutingKind.REDIRECTED,
        by=by,
        reason=reason,
        designation=designation,
        submission=submission,
    )
    locked.status = S.NEW
    locked.due_at = deadlines.due_at(locked.urgency, timezone.now())
    locked.round += 1
    save_changes(locked, "assignee", "organisation", "status", "due_at", "round")
    audit(by, "consultation.redirected", locked, request, designation=designation.pk)
    notify([designation.pivot], locked, NotificationKind.RECEIVED)
    return locked


def people_with(role: str, organisation_id: int | None = None) -> list[User]:
    memberships = Membership.objects.current().filter(
        role=role, user__is_active=True, organisation__is_active=True
    )
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return list(User.objects.filter(pk__in=memberships.values("user")).order_by("pk"))


def _coordination() -> tuple[list[User], Organisation | None]:
    membership = (
        Membership.objects.current()
        .filter(role=Role.COORDINATOR, user__is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    if membership is None:
        return [], None
    return people_with(Role.COORDINATOR, membership.organisation_id), membership.organisation


@transaction.atomic
def escalate(
    consultation: Consultation,
    *,
    by: User,
    version: int | None,
    to: str,
    reason: str,
    submission: uuid.UUID,
    request: HttpRequest | None = None,
) -> Consultation:
    """Hand the consultation to the organisation's representative or to the Table's
    coordinator, saying why."""
    if _routed(submission):
        return Consultation.objects.get(pk=consultation.pk)
    locked = lock(consultation, "escalate", version)
    organisation: Organisation | None = locked.organisation
    if to == RoutingKind.TO_COORDINATOR:
        people, organisation = _coordination()
    elif locked.status == S.ESCALATED:
        raise NotAllowed("escalate")
    else:
        representatives = people_with(Role.REPRESENTATIVE, locked.organisation_id)
        people = [person for person in representatives if person.pk != locked.assignee_id]
    if not people or organisation is None:
        raise NoRecipient(to)
    move_to(
        locked,
        to_user=people[0],
        organisation=organisation,
        kind=to,
        by=by,
        reason=reason,
        submission=submission,
    )
    locked.status = S.ESCALATED
    save_changes(locked, "assignee", "organisation", "status")
    audit(by, "consultation.escalated", locked, request, to=to)
    notify(people, locked, NotificationKind.ESCALATED)
    return locked


@transaction.atomic
def rate(
    consultation: Consultation,
    *,
    by: User,
    version: int | None,
    rating: str,
    comment: str,
    request: HttpRequest | None = None,
) -> Consultation:
    """The requester says whether the answer helped; this closes the consultation."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.rated_at is not None:
        return current
    locked = lock(consultation, "rate", version)
    now = timezone.now()
    locked.rating, locked.rating_comment, locked.rated_at = rating, comment, now
    locked.status, locked.closed_at = S.CLOSED, now
    save_changes(locked, "rating", "rating_comment", "rated_at", "status", "closed_at")
    audit(by, "consultation.rated", locked, request, rating=rating)
    return locked


@transaction.atomic
def withdraw(
    consultation: Consultation, *, by: User, version: int | None, request: HttpRequest | None = None
) -> Consultation:
    """The requester no longer needs an answer."""
    current = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if current.status == S.WITHDRAWN:
        return current
    locked = lock(consultation, "withdraw", version)
    locked.status, locked.closed_at = S.WITHDRAWN, timezone.now()
    save_changes(locked, "status", "closed_at")
    audit(by, "consultation.withdrawn", locked, request)
    return locked


@transaction.atomic
def close_answered(consultation: Consultation, *, moment: datetime) -> None:
    """An answer left unrated for a month closes the consultation (scheduled)."""
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.status != S.ANSWERED:
        return
    locked.status, locked.closed_at = S.CLOSED, moment
    save_changes(locked, "status", "closed_at")
    audit(None, "consultation.closed", locked, None)


@transaction.atomic
def record_view(consultation: Consultation, *, by: User, request: HttpRequest) -> None:
    """Reading is audited; the reader's notices about it are read."""
    Notification.objects.filter(
        recipient=by, consultation=consultation, read_at__isnull=True
    ).update(read_at=timezone.now())
    record(
        by,
        "consultation.viewed",
        consultation,
        organisation=consultation.organisation,
        request=request,
    )
