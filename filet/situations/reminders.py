"""The net's reminders: an overdue action or a passed review date reminds the people
responsible, then, a week later, their representative, then, a week after that, the Table's
coordinator — who gets the code and what is late, nothing of the situation itself. Each
reminder goes out once (a unique row in Reminder)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from filet.accounts.models import User
from filet.organisations.models import Membership
from filet.organisations.roles import Role
from filet.situations import mail
from filet.situations.actions import audit
from filet.situations.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Participant,
    Reminder,
    ReminderKind,
    ReminderLevel,
    Situation,
    Status,
)

TO_REPRESENTATIVE_AFTER = timedelta(days=7)
TO_COORDINATOR_AFTER = timedelta(days=14)


@dataclass(frozen=True)
class Late:
    """One thing late: an action or a situation's review."""

    situation: Situation
    kind: str
    subject: int  # the action's pk, 0 for the review
    due_on: date
    organisation_id: int  # who answers for it
    person: User | None  # the responsible person, if named and still taking part


@dataclass
class Summary:
    reminded: int = 0
    to_representatives: int = 0
    to_coordinators: int = 0


def _late(today: date) -> list[Late]:
    found: list[Late] = []
    actions = (
        Action.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        .exclude(situation__status=Status.CLOSED)
        .select_related("situation", "person")
    )
    for action in actions:
        found.append(Late(action.situation, ReminderKind.ACTION, action.pk, action.due_on,
                          action.organisation_id, action.person))  # fmt: skip
    situations = Situation.objects.not_closed().filter(next_review_on__lt=today)
    for situation in situations:
        responsible = situation.lead_organisation_id or situation.organisation_id
        found.append(Late(situation, ReminderKind.REVIEW, 0, situation.next_review_on,  # type: ignore[arg-type]
                          responsible, None))  # fmt: skip
    return found


def _level(late: Late, today: date) -> list[str]:
    levels: list[str] = [ReminderLevel.PIVOT]
    if today - late.due_on >= TO_REPRESENTATIVE_AFTER:
        levels.append(ReminderLevel.REPRESENTATIVE)
    if today - late.due_on >= TO_COORDINATOR_AFTER:
        levels.append(ReminderLevel.COORDINATOR)
    return levels


def _first_time(late: Late, level: str) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(
                situation=late.situation, kind=late.kind, subject=late.subject,
                due_on=late.due_on, level=level,
            )  # fmt: skip
    except IntegrityError:
        return False
    return True


def _recipients(late: Late, level: str) -> list[User]:
    if level == ReminderLevel.COORDINATOR:
        return _holders(Role.COORDINATOR, None)
    if level == ReminderLevel.REPRESENTATIVE:
        return _holders(Role.REPRESENTATIVE, late.organisation_id)
    taking_part = Participant.objects.filter(
        situation=late.situation, status=Participant.Status.ACCEPTED
    )
    if late.person is not None and taking_part.filter(person=late.person).exists():
        return [late.person]
    people = taking_part.filter(organisation_id=late.organisation_id).values("person")
    return list(User.objects.filter(pk__in=people, is_active=True).order_by("pk"))


def _holders(role: str, organisation_id: int | None) -> list[User]:
    memberships = Membership.objects.current().filter(role=role, user__is_active=True)
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return list(User.objects.filter(pk__in=memberships.values("user")).order_by("pk"))


@transaction.atomic
def send_reminders(today: date | None = None) -> Summary:
    """Remind, then escalate, everything late today; safe to run as often as wanted."""
    today = today or timezone.localdate()
    summary = Summary()
    outbox: dict[tuple[int, bool], list[tuple[str, str, date]]] = defaultdict(list)
    people: dict[int, User] = {}
    for late in _late(today):
        for level in _level(late, today):
            if not _first_time(late, level):
                continue
            _count(summary, level)
            for user in _recipients(late, level):
                people[user.pk] = user
                escalated = level != ReminderLevel.PIVOT
                outbox[user.pk, escalated].append((late.situation.code, late.kind, late.due_on))
            audit(None, "situation.reminders_sent", late.situation, kind=late.kind,
                  subject=late.subject, level=level)  # fmt: skip
    for (pk, escalated), items in outbox.items():
        mail.reminder(people[pk], items, escalated=escalated)
    return summary


def _count(summary: Summary, level: str) -> None:
    if level == ReminderLevel.PIVOT:
        summary.reminded += 1
    elif level == ReminderLevel.REPRESENTATIVE:
        summary.to_representatives += 1
    else:
        summary.to_coordinators += 1
