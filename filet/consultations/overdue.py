"""The overdue chain (``manage.py consultation_reminders``): past its deadline a consultation
reminds the pivot, then goes to the backup pivot of the same organisation, then to the
representative. Each step is taken once per round (a unique row), one step per run, so
running the command as often as wanted never repeats a step."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils import timezone

from filet.audit.actions import record
from filet.consultations import actions, deadlines
from filet.consultations.models import (
    AWAITING_HANDLER,
    Consultation,
    NotificationKind,
    Reminder,
    RoutingKind,
    Status,
    Step,
)
from filet.consultations.notify import notify
from filet.organisations.roles import Role
from filet.pivots.models import Designation, Level

CHAIN = (Step.REMINDER, Step.BACKUP, Step.REPRESENTATIVE)
CLOSE_ANSWERED_AFTER = timedelta(days=30)


@dataclass
class Summary:
    reminded: int = 0
    to_backup: int = 0
    to_representative: int = 0
    closed: int = 0

    def __str__(self) -> str:
        return (
            f"consultation_reminders: {self.reminded} reminded, {self.to_backup} to backup, "
            f"{self.to_representative} to representative, {self.closed} closed"
        )


def run(moment: datetime | None = None) -> Summary:
    moment = moment or timezone.now()
    summary = Summary()
    overdue = Consultation.objects.overdue(moment).order_by("due_at", "pk")
    # The ids first: each step is its own transaction, and rows change as the chain moves.
    for pk in list(overdue.values_list("pk", flat=True)):
        step = _advance(pk, moment)
        if step == Step.REMINDER:
            summary.reminded += 1
        elif step == Step.BACKUP:
            summary.to_backup += 1
        elif step == Step.REPRESENTATIVE:
            summary.to_representative += 1
    stale = Consultation.objects.filter(
        status=Status.ANSWERED, answered_at__lt=moment - CLOSE_ANSWERED_AFTER
    )
    for consultation in list(stale):
        actions.close_answered(consultation, moment=moment)
        summary.closed += 1
    return summary


def _next_step(consultation: Consultation, moment: datetime) -> str | None:
    taken = set(
        Reminder.objects.filter(consultation=consultation, round=consultation.round).values_list(
            "step", flat=True
        )
    )
    for index, step in enumerate(CHAIN):
        if step in taken:
            continue
        due = deadlines.step_at(consultation.urgency, consultation.due_at, index)
        return step if moment >= due else None
    return None


@transaction.atomic
def _advance(pk: int, moment: datetime) -> str | None:
    consultation = Consultation.objects.select_for_update().get(pk=pk)
    if consultation.status not in AWAITING_HANDLER or consultation.due_at >= moment:
        return None
    step = _next_step(consultation, moment)
    if step is None:
        return None
    try:
        with transaction.atomic():
            Reminder.objects.create(
                consultation=consultation,
                round=consultation.round,
                step=step,
                organisation_id=consultation.organisation_id,
                created_at=moment,
            )
    except IntegrityError:
        return None
    {Step.REMINDER: _remind, Step.BACKUP: _to_backup, Step.REPRESENTATIVE: _to_representative}[
        Step(step)
    ](consultation)
    return step


def _remind(consultation: Consultation) -> None:
    record(None, "consultation.reminded", consultation, organisation=consultation.organisation)
    notify([consultation.assignee], consultation, NotificationKind.OVERDUE)


def backup_for(consultation: Consultation) -> Designation | None:
    """A backup pivot in force in the same organisation, other than the person it waits
    on; one serving the consultation's territory first."""
    serves = Designation.territories.through.objects.filter(
        designation=OuterRef("pk"), territory=consultation.territory_id
    )
    return (
        Designation.objects.in_force()
        .filter(organisation=consultation.organisation_id, level=Level.BACKUP)
        .exclude(pivot__in=[consultation.assignee_id, consultation.requester_id])
        .annotate(
            here=Case(
                When(Exists(serves), then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .select_related("pivot", "organisation")
        .order_by("here", "pk")
        .first()
    )


def _to_backup(consultation: Consultation) -> None:
    backup = backup_for(consultation)
    if backup is not None:
        actions.move_to(
            consultation,
            to_user=backup.pivot,
            organisation=backup.organisation,
            kind=RoutingKind.BACKUP,
            by=None,
            designation=backup,
        )
        consultation.status = Status.NEW
        actions.save_changes(consultation, "assignee", "organisation", "status")
        notify([backup.pivot], consultation, NotificationKind.RECEIVED)
    record(
        None,
        "consultation.routed_to_backup",
        consultation,
        organisation=consultation.organisation,
        found=backup is not None,
    )


def _to_representative(consultation: Consultation) -> None:
    people = [
        person
        for person in actions.people_with(Role.REPRESENTATIVE, consultation.organisation_id)
        if person.pk != consultation.assignee_id
    ]
    if people:
        actions.move_to(
            consultation,
            to_user=people[0],
            organisation=consultation.organisation,
            kind=RoutingKind.OVERDUE_REPRESENTATIVE,
            by=None,
        )
        consultation.status = Status.ESCALATED
        actions.save_changes(consultation, "assignee", "organisation", "status")
        notify(people, consultation, NotificationKind.ESCALATED)
    record(
        None,
        "consultation.overdue_escalated",
        consultation,
        organisation=consultation.organisation,
        found=bool(people),
    )
