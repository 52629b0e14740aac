"""Changing training: modules and versions, requirements per role, sessions and their
waiting list, attendance, completions, invitations and reminders. Each action writes its
audit row in the same transaction and sends mail only once it commits."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.organisations.models import Membership
from filet.training import coverage, mail
from filet.training.models import (
    Attendance,
    Completion,
    CompletionMethod,
    CompletionStatus,
    Module,
    ModuleVersion,
    Registration,
    RegistrationStatus,
    ReminderLog,
    Requirement,
    Session,
)

MODULE_FIELDS = (
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "audience_fr",
    "audience_en",
    "objectives_fr",
    "objectives_en",
    "duration_minutes",
    "is_active",
)
SESSION_FIELDS = ("starts_at", "ends_at", "mode", "place", "video_link", "capacity")
LIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
# A person is not reminded of missing training more often than this.
REMINDER_DAYS = 14


class StaleEdit(Exception):
    """Someone else changed the record since the form was shown."""


class SessionClosed(Exception):
    """The session is cancelled or over: nobody registers any more."""


class AlreadyDeclared(Exception):
    """A completion of this version is already on record or awaiting review."""


@transaction.atomic
def save_module(module: Module | None, *, by: User, revision: int = 0, **fields: Any) -> Module:
    """Create a module, or change one if nobody else changed it since `revision`."""
    if module is None:
        module = Module.objects.create(**{name: fields[name] for name in MODULE_FIELDS})
        record(by, "training.module_created", module, title=module.title_fr)
        return module
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.revision != revision:
        raise StaleEdit
    for name in MODULE_FIELDS:
        setattr(module, name, fields[name])
    module.revision += 1
    module.save()
    record(by, "training.module_updated", module, title=module.title_fr)
    return module


@transaction.atomic
def publish_version(
    module: Module,
    *,
    by: User,
    review_by: datetime.date,
    materials: str = "",
    change_note: str = "",
) -> ModuleVersion:
    """Publish the next version; whoever completed an earlier one is no longer current."""
    Module.objects.select_for_update().filter(pk=module.pk).first()
    number = (module.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = ModuleVersion.objects.create(
        module=module,
        number=number,
        materials=materials,
        change_note=change_note,
        review_by=review_by,
        published_by=by,
    )
    record(by, "training.version_published", version, module=module.pk, number=number)
    return version


@transaction.atomic
def require_module(module: Module, *, role: str, by: User) -> Requirement:
    """Everyone holding `role` must complete `module`. Setting it twice changes nothing."""
    requirement, created = Requirement.objects.get_or_create(
        role=role, module=module, defaults={"set_by": by}
    )
    if created:
        record(by, "training.requirement_set", requirement, role=role, module=module.pk)
    return requirement


@transaction.atomic
def drop_requirement(requirement: Requirement, *, by: User) -> None:
    record(
        by,
        "training.requirement_removed",
        requirement,
        role=requirement.role,
        module=requirement.module_id,
    )
    requirement.delete()


@transaction.atomic
def schedule_session(
    version: ModuleVersion, *, by: User, trainers: Iterable[User], **fields: Any
) -> Session:
    session = Session.objects.create(version=version, **{n: fields[n] for n in SESSION_FIELDS})
    session.trainers.set(trainers)
    record(by, "training.session_scheduled", session, module=version.module_id)
    return session


@transaction.atomic
def update_session(
    session: Session,
    *,
    by: User,
    trainers: Iterable[User],
    base_url: str,
    revision: int | None = None,
    **fields: Any,
) -> Session:
    """Change a session; calendars see a higher SEQUENCE and the people registered are told.
    A larger capacity lets the waiting list in, in order. `revision` is the SEQUENCE the
    editor saw: if someone changed the session since, StaleEdit is raised."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if revision is not None and session.sequence != revision:
        raise StaleEdit
    for name in SESSION_FIELDS:
        setattr(session, name, fields[name])
    session.sequence += 1
    session.updated_at = timezone.now()
    session.save()
    session.trainers.set(trainers)
    record(by, "training.session_updated", session, sequence=session.sequence)
    _fill_from_waiting_list(session, base_url)
    _tell_registered(session, base_url)
    return session


@transaction.atomic
def cancel_session(session: Session, *, by: User, base_url: str) -> Session:
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        return session
    session.cancelled_at = session.updated_at = timezone.now()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "updated_at", "sequence"])
    record(by, "training.session_cancelled", session, sequence=session.sequence)
    _tell_registered(session, base_url)
    return session


def _tell_registered(session: Session, base_url: str) -> None:
    users = [r.user for r in session.registrations.filter(status__in=LIVE).select_related("user")]
    mail.session_changed(session, users, base_url)


@transaction.atomic
def register(session: Session, *, user: User, base_url: str, notify: bool = True) -> Registration:
    """A seat if one is free, else the end of the waiting list. A second click, or a retried
    POST, finds the registration already made and changes nothing."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled or session.has_ended:
        raise SessionClosed
    existing = session.registrations.filter(user=user, status__in=LIVE).first()
    if existing is not None:
        return existing
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = (
        RegistrationStatus.REGISTERED if taken < session.capacity else RegistrationStatus.WAITLISTED
    )
    registration = Registration.objects.create(session=session, user=user, status=status)
    record(user, "training.registered", registration, session=session.pk, status=status)
    if notify:
        mail.registration_confirmed(registration, base_url)
    return registration


@transaction.atomic
def cancel_registration(registration: Registration, *, by: User, base_url: str) -> None:
    """Give the seat back; the first person on the waiting list takes it."""
    session = Session.objects.select_for_update().get(pk=registration.session_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    record(by, "training.registration_cancelled", registration, session=session.pk)
    _fill_from_waiting_list(session, base_url)


def _fill_from_waiting_list(session: Session, base_url: str) -> None:
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    free = max(session.capacity - taken, 0)
    if not free or session.is_cancelled:
        return
    waiting = session.registrations.filter(status=RegistrationStatus.WAITLISTED).select_related(
        "user", "session__version__module"
    )
    for registration in waiting.order_by("registered_at", "pk")[:free]:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        record(None, "training.promoted", registration, session=session.pk)
        mail.promoted(registration, base_url)


@transaction.atomic
def take_attendance(session: Session, *, by: User, marks: dict[int, str]) -> int:
    """Record present or absent per registration id. Being present completes the session's
    module version; being marked absent afterwards withdraws that completion."""
    registrations = session.registrations.filter(
        pk__in=marks, status=RegistrationStatus.REGISTERED
    ).select_related("user")
    changed = 0
    for registration in registrations:
        mark = marks[registration.pk]
        if registration.attendance == mark:
            continue
        registration.attendance = mark
        registration.save(update_fields=["attendance"])
        _complete_by_attendance(registration, mark)
        changed += 1
    record(by, "training.attendance_taken", session, changed=changed)
    return changed


def _complete_by_attendance(registration: Registration, mark: str) -> None:
    session = registration.session
    completions = Completion.objects.filter(
        user=registration.user, version=session.version, session=session
    )
    if mark != Attendance.PRESENT:
        completions.delete()
        return
    already = Completion.objects.filter(user=registration.user, version=session.version).exclude(
        status=CompletionStatus.REJECTED
    )
    if already.exists():
        already.update(status=CompletionStatus.APPROVED)
        return
    Completion.objects.create(
        user=registration.user,
        version=session.version,
        session=session,
        method=CompletionMethod.ATTENDANCE,
        status=CompletionStatus.APPROVED,
        completed_on=timezone.localdate(session.starts_at),
    )


@transaction.atomic
def declare_completion(
    version: ModuleVersion, *, user: User, completed_on: datetime.date, evidence: str
) -> Completion:
    """A training taken elsewhere, with a short note as evidence; counts once reviewed."""
    live = Completion.objects.select_for_update().filter(user=user, version=version)
    if live.exclude(status=CompletionStatus.REJECTED).exists():
        raise AlreadyDeclared
    completion = Completion.objects.create(
        user=user,
        version=version,
        method=CompletionMethod.DECLARATION,
        status=CompletionStatus.PENDING,
        completed_on=completed_on,
        evidence=evidence,
    )
    record(user, "training.declared", completion, module=version.module_id, number=version.number)
    return completion


@transaction.atomic
def review_declaration(
    completion: Completion, *, by: User, approve: bool, link: str, notify: bool = True
) -> Completion:
    completion = Completion.objects.select_for_update().get(pk=completion.pk)
    if completion.status != CompletionStatus.PENDING:
        return completion
    completion.status = CompletionStatus.APPROVED if approve else CompletionStatus.REJECTED
    completion.reviewed_by, completion.reviewed_at = by, timezone.now()
    completion.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    record(by, "training.declaration_reviewed", completion, outcome_status=completion.status)
    user, module = completion.user, completion.version.module
    if notify:
        mail.declaration_reviewed(user, module, approve, link)
    return completion


@transaction.atomic
def invite_to_session(session: Session, *, by: User, base_url: str) -> int:
    """Invite everyone whose role requires the module and who is not current on it."""
    lacking = coverage.compute(module=session.module).people_not_current()
    registered = set(session.registrations.filter(status__in=LIVE).values_list("user", flat=True))
    people = [person for person in lacking if person.pk not in registered]
    record(by, "training.invitations_sent", session, count=len(people))
    for person in people:
        mail.invitation(session, person, base_url)
    return len(people)


@transaction.atomic
def send_reminders(*, by: User | None, base_url: str, days: int = REMINDER_DAYS) -> tuple[int, int]:
    """E-mail each person who is not current on a required module, unless reminded in the
    last `days` days. Returns (sent, skipped)."""
    lacking = coverage.compute().people_not_current()
    since = timezone.now() - datetime.timedelta(days=days)
    recent = set(ReminderLog.objects.filter(sent_at__gte=since).values_list("user", flat=True))
    sent = 0
    for person, modules in lacking.items():
        if person.pk in recent:
            continue
        ReminderLog.objects.create(user=person, modules=[m.pk for m in modules])
        mail.coverage_reminder(person, modules, base_url)
        sent += 1
    skipped = len(lacking) - sent
    record(by, "training.reminders_sent", None, sent=sent, skipped=skipped)
    return sent, skipped


@transaction.atomic
def send_session_reminders(*, base_url: str, within: datetime.timedelta) -> int:
    """Remind each registered person once of a session starting within `within`."""
    now = timezone.now()
    due = Registration.objects.select_for_update().filter(
        status=RegistrationStatus.REGISTERED,
        reminded_at__isnull=True,
        session__cancelled_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + within,
    )
    count = 0
    for registration in due.select_related("user", "session__version__module"):
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
        mail.session_reminder(registration, base_url)
        count += 1
    return count


def organisations_of(user: User) -> set[int]:
    return set(
        Membership.objects.current().filter(user=user).values_list("organisation", flat=True)
    )
