"""State changes of the pivot network: each atomic, audited in the same transaction, with
e-mail stored in the outbox within the same transaction."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.actions import grant_role
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.pivots import mail
from filet.pivots.models import (
    Absence,
    Acknowledgement,
    Activity,
    AvailabilitySlot,
    Designation,
    MandateVersion,
    Milieu,
    PivotContact,
    local_now,
)

ESCALATION_AFTER_DAYS = 14


class StaleDesignation(Exception):
    """Someone else saved the designation since the form was opened."""


@dataclass
class DesignationData:
    """What a representative states about a pivot (the form's cleaned data)."""

    level: str
    stages: list[Stage]
    territories: list[Territory]
    milieux: list[Milieu]
    languages: list[str]
    valid_from: date
    valid_until: date | None = None
    slots: list[tuple[int, time, time]] = field(default_factory=list)
    work_phone: str = ""
    work_email: str = ""


def _apply(designation: Designation, data: DesignationData) -> None:
    designation.level = data.level
    designation.language_codes = f" {' '.join(sorted(set(data.languages)))} "
    designation.valid_from, designation.valid_until = data.valid_from, data.valid_until
    designation.save()
    designation.stages.set(data.stages)
    designation.territories.set(data.territories)
    designation.milieux.set(data.milieux)
    designation.slots.all().delete()
    AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(designation=designation, weekday=day, starts=start, ends=end)
        for day, start, end in data.slots
    )
    PivotContact.objects.update_or_create(
        user=designation.pivot,
        defaults={"work_phone": data.work_phone, "work_email": data.work_email},
    )


@transaction.atomic
def designate(
    organisation: Organisation, *, by: User, pivot: User, data: DesignationData
) -> Designation:
    """Designate a member of the organisation as pivot; they are given the pivot role if
    they do not hold it yet."""
    if not Membership.objects.current().filter(user=pivot, organisation=organisation).exists():
        raise ValueError("a pivot must already work in the organisation")
    grant_role(by=by, user=pivot, organisation=organisation, role=Role.PIVOT)
    designation = Designation(
        organisation=organisation,
        pivot=pivot,
        created_by=by,
        confirmed_on=local_now().date(),
    )
    _apply(designation, data)
    record(by, "pivot.designated", designation, organisation=organisation, level=data.level)
    return designation


@transaction.atomic
def update_designation(
    designation: Designation, *, by: User, version: int, data: DesignationData
) -> Designation:
    """Change a designation; refused if it changed since `version` was read."""
    updated = Designation.objects.filter(pk=designation.pk, version=version).update(
        version=F("version") + 1
    )
    if not updated:
        raise StaleDesignation
    designation.refresh_from_db()
    _apply(designation, data)
    record(by, "pivot.designation_changed", designation, organisation=designation.organisation)
    return designation


@transaction.atomic
def withdraw_designation(designation: Designation, *, by: User) -> None:
    """End a designation now; the person keeps their other roles."""
    if designation.withdrawn_at is not None:
        return
    designation.withdrawn_at = timezone.now()
    designation.save(update_fields=["withdrawn_at"])
    record(by, "pivot.withdrawn", designation, organisation=designation.organisation)


@transaction.atomic
def confirm_designation(designation: Designation, *, by: User) -> None:
    """The representative's yearly confirmation that this pivot is still the right one."""
    designation.confirmed_on = local_now().date()
    designation.reminder_sent_on = designation.escalated_on = None
    designation.save(update_fields=["confirmed_on", "reminder_sent_on", "escalated_on"])
    record(by, "pivot.confirmed", designation, organisation=designation.organisation)


@transaction.atomic
def add_absence(designation: Designation, *, by: User, starts_on: date, ends_on: date) -> Absence:
    absence = Absence.objects.create(designation=designation, starts_on=starts_on, ends_on=ends_on)
    record(by, "pivot.absence_added", designation, organisation=designation.organisation)
    return absence


@transaction.atomic
def create_milieu(
    organisation: Organisation, *, by: User, name: str, type: str, territory: Territory
) -> Milieu:
    milieu = Milieu.objects.create(
        organisation=organisation, name=name, type=type, territory=territory
    )
    record(by, "pivot.milieu_created", milieu, organisation=organisation)
    return milieu


@transaction.atomic
def adopt_mandate(
    *, by: User, adopted_on: date, sections: dict[str, dict[str, str]]
) -> MandateVersion:
    """Record the Table's adoption of a new version of the pivots' roles and mandates."""
    current = MandateVersion.objects.select_for_update().order_by("-number").first()
    version = MandateVersion.objects.create(
        number=(current.number if current else 0) + 1,
        adopted_on=adopted_on,
        adopted_by=by,
        sections=sections,
    )
    record(by, "pivot.mandate_adopted", version, number=version.number)
    return version


@transaction.atomic
def acknowledge_mandate(version: MandateVersion, *, by: User) -> Acknowledgement:
    """A pivot has read this version; a second click changes nothing."""
    acknowledgement, created = Acknowledgement.objects.get_or_create(version=version, pivot=by)
    if created:
        record(by, "pivot.mandate_acknowledged", version, number=version.number)
    return acknowledgement


@transaction.atomic
def record_activity(
    *, by: User, organisation: Organisation, submission: uuid.UUID, **fields: Any
) -> Activity:
    """Record an outreach activity; the same submission sent twice records it once."""
    existing = Activity.objects.filter(pivot=by, submission=submission).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            activity = Activity.objects.create(
                pivot=by, organisation=organisation, submission=submission, **fields
            )
    except IntegrityError:
        return Activity.objects.get(pivot=by, submission=submission)
    record(
        by,
        "pivot.activity_recorded",
        activity,
        organisation=organisation,
        participants=activity.participants,
    )
    return activity


@dataclass
class ReminderSummary:
    reminded: int = 0
    escalated: int = 0


@transaction.atomic
def send_reminders(*, base_url: str, day: date | None = None) -> ReminderSummary:
    """Ask representatives to confirm their pivots once a year; a fortnight without an
    answer goes to the coordinator. Each designation is reminded and escalated once."""
    day = day or local_now().date()
    due = list(
        Designation.objects.confirmation_due(day)
        .select_for_update(of=("self",))
        .select_related("organisation", "pivot")
    )
    summary = ReminderSummary()
    to_remind: dict[int, list[Designation]] = defaultdict(list)
    to_escalate: list[Designation] = []
    for designation in due:
        if designation.reminder_sent_on is None:
            designation.reminder_sent_on = day
            to_remind[designation.organisation_id].append(designation)
        elif designation.escalated_on is None and designation.reminder_sent_on <= day - timedelta(
            days=ESCALATION_AFTER_DAYS
        ):
            designation.escalated_on = day
            to_escalate.append(designation)
        else:
            continue
        designation.save(update_fields=["reminder_sent_on", "escalated_on"])
    for organisation_id, designations in to_remind.items():
        summary.reminded += len(designations)
        record(None, "pivot.reminder_sent", organisation=designations[0].organisation,
               designations=[d.pk for d in designations])  # fmt: skip
        representatives = _people(Role.REPRESENTATIVE, organisation_id)
        mail.confirm_reminder(representatives, designations, base_url)
    if to_escalate:
        summary.escalated = len(to_escalate)
        record(None, "pivot.escalated", designations=[d.pk for d in to_escalate])
        coordinators = _people(Role.COORDINATOR, None)
        mail.confirm_escalation(coordinators, to_escalate, base_url)
    return summary


def _people(role: str, organisation_id: int | None) -> list[User]:
    memberships = Membership.objects.current().filter(role=role, user__is_active=True)
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return list(User.objects.filter(pk__in=memberships.values("user")).order_by("pk"))
