"""State changes of meetings: each is atomic, takes the actor and writes the audit log in
the same transaction."""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.meetings import mail
from filet.meetings.models import (
    AgendaDocument,
    AgendaItem,
    Attendance,
    DecisionMethod,
    Invitation,
    Meeting,
    MeetingNotice,
    MeetingSettings,
    Minutes,
    MinutesStatus,
    MinutesVersion,
    NoticeKind,
    Question,
    QuestionStatus,
    Resolution,
    ResolutionCounter,
)
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role

# Reminders go out this long before a meeting starts.
REMINDER_BEFORE = timedelta(days=2)
# Links in e-mails sent outside a request (commands, tests) start with this.

# Changing any of these moves the event in people's calendars: SEQUENCE goes up.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "video_link")


class StaleEdit(Exception):
    """Someone saved the record after the form was opened."""


class MinutesFrozen(Exception):
    """Adopted minutes are the Table's record: they never change again."""


class WrongState(Exception):
    """The step does not follow from where the record is."""


@transaction.atomic
def create_meeting(
    *,
    by: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video_link: str = "",
    organisations: list[Organisation] | None = None,
    people: list[User] | None = None,
    submission: uuid.UUID | None = None,
) -> Meeting:
    """Plan a meeting and invite organisations and people; a submission key already used
    returns the meeting it created."""
    existing = Meeting.objects.filter(submission=submission).first() if submission else None
    if existing is not None:
        return existing
    meeting = Meeting.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        created_by=by,
        submission=submission,
    )
    Invitation.objects.bulk_create(
        [Invitation(meeting=meeting, organisation=o) for o in organisations or []]
        + [Invitation(meeting=meeting, person=p) for p in people or []]
    )
    record(by, "meeting.created", meeting, title=title)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: Meeting, *, by: User, version: int, base_url: str = "", **changes: Any
) -> Meeting:
    """Change a meeting; a change of date, place or link raises its calendar SEQUENCE and
    tells the people already invited."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.version != version:
        raise StaleEdit
    changed = [name for name, value in changes.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, changes[name])
    if not changed:
        return locked
    locked.version += 1
    if set(changed) & set(CALENDAR_FIELDS):
        locked.sequence += 1
    locked.save()
    record(by, "meeting.updated", locked, fields=sorted(changed), sequence=locked.sequence)
    if set(changed) & set(CALENDAR_FIELDS):
        _notify_invited(locked, NoticeKind.UPDATE, base_url)
    return locked


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, by: User, base_url: str = "") -> Meeting:
    """Cancel a meeting; calendars and the people already invited receive the cancellation
    (SEQUENCE goes up)."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.cancelled_at is not None:
        return locked
    locked.cancelled_at = timezone.now()
    locked.sequence += 1
    locked.version += 1
    locked.save(update_fields=["cancelled_at", "sequence", "version"])
    record(by, "meeting.cancelled", locked)
    _notify_invited(locked, NoticeKind.CANCELLATION, base_url)
    return locked


@transaction.atomic
def invite(
    meeting: Meeting,
    *,
    by: User,
    organisation: Organisation | None = None,
    person: User | None = None,
) -> Invitation:
    """Invite an organisation (all its people) or one person; inviting twice changes nothing."""
    if organisation is not None:
        invitation, created = Invitation.objects.get_or_create(
            meeting=meeting, organisation=organisation
        )
    else:
        invitation, created = Invitation.objects.get_or_create(meeting=meeting, person=person)
    if created:
        record(by, "meeting.invited", meeting, invitee=str(organisation or person))
    return invitation


def invitees(meeting: Meeting) -> list[User]:
    """Who receives the meeting's e-mails: the people invited by name and the current
    representatives of the invited organisations (active accounts, once each)."""
    by_name = meeting.invitations.filter(person__isnull=False).values("person")
    organisations = meeting.invitations.filter(organisation__isnull=False).values("organisation")
    representatives = Membership.objects.current().filter(
        organisation__in=organisations, role=Role.REPRESENTATIVE
    )
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=by_name) | Q(pk__in=representatives.values("user")))
        .order_by("pk")
    )


def _send(meeting: Meeting, people: list[User], kind: str, base_url: str) -> None:
    """Write one notice per person and send the e-mails once the transaction commits."""
    MeetingNotice.objects.bulk_create(
        [
            MeetingNotice(meeting=meeting, person=person, kind=kind, sequence=meeting.sequence)
            for person in people
        ]
    )
    url = base_url or settings.SITE_URL
    for person in people:
        mail.send_notice(meeting, person, kind, url)  # stored in the outbox, same transaction


def _notify_invited(meeting: Meeting, kind: str, base_url: str) -> None:
    """Tell the people who received the invitation (once per SEQUENCE)."""
    invited = meeting.notices.filter(kind=NoticeKind.INVITATION).values("person")
    done = meeting.notices.filter(kind=kind, sequence=meeting.sequence).values("person")
    people = User.objects.filter(pk__in=invited, is_active=True).exclude(pk__in=done)
    _send(meeting, list(people.order_by("pk")), kind, base_url)


@transaction.atomic
def send_invitations(meeting: Meeting, *, by: User, base_url: str = "") -> int:
    """E-mail the invitation to every invitee who has not received it yet; returns how
    many were sent (0 on a second click). A cancelled or past meeting sends nothing."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.is_cancelled or locked.is_past:
        raise WrongState
    done = set(locked.notices.filter(kind=NoticeKind.INVITATION).values_list("person", flat=True))
    people = [person for person in invitees(locked) if person.pk not in done]
    if people:
        _send(locked, people, NoticeKind.INVITATION, base_url)
        record(by, "meeting.invitations_sent", locked, count=len(people))
    return len(people)


@transaction.atomic
def send_reminders(*, by: User | None = None, base_url: str = "") -> int:
    """Remind each invitee, once, of a meeting starting within REMINDER_BEFORE."""
    now = timezone.now()
    due = Meeting.objects.active().filter(starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE)
    sent = 0
    for meeting in due.select_for_update().order_by("starts_at"):
        done = set(
            meeting.notices.filter(kind=NoticeKind.REMINDER).values_list("person", flat=True)
        )
        people = [person for person in invitees(meeting) if person.pk not in done]
        _send(meeting, people, NoticeKind.REMINDER, base_url)
        sent += len(people)
    if sent:
        record(by, "meeting.reminders_sent", None, sent=sent)
    return sent


@transaction.atomic
def add_agenda_item(
    meeting: Meeting,
    *,
    by: User,
    title: str,
    presenter: str = "",
    duration_minutes: int | None = None,
    parent: AgendaItem | None = None,
    documents: list[tuple[str, str]] | None = None,
) -> AgendaItem:
    """Add a point (or a sub-point under `parent`) at the end of the agenda."""
    siblings = meeting.agenda_items.filter(parent=parent)
    position = (siblings.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        parent=parent,
        position=position,
        title=title,
        presenter=presenter,
        duration_minutes=duration_minutes,
    )
    AgendaDocument.objects.bulk_create(
        [
            AgendaDocument(item=item, title=doc_title, link=link)
            for doc_title, link in documents or []
        ]
    )
    record(by, "meeting.agenda_changed", meeting, item=title)
    return item


@dataclass(frozen=True)
class Presence:
    status: str
    organisation: Organisation | None = None
    person: User | None = None


@transaction.atomic
def record_attendance(meeting: Meeting, *, by: User, entries: list[Presence]) -> int:
    """Record who was present, excused or absent; recording again replaces the entry."""
    for entry in entries:
        key: dict[str, Any] = (
            {"organisation": entry.organisation}
            if entry.organisation is not None
            else {"person": entry.person}
        )
        Attendance.objects.update_or_create(
            meeting=meeting, **key, defaults={"status": entry.status}
        )
    record(by, "meeting.attendance_recorded", meeting, entries=len(entries))
    return len(entries)


@transaction.atomic
def save_minutes(meeting: Meeting, *, by: User, text: str, version: int) -> Minutes:
    """Save a new version of a meeting's minutes (0 as `version` for the first one)."""
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        if version != 0:
            raise StaleEdit
        minutes = Minutes.objects.create(meeting=meeting, text=text, version=1)
    else:
        if minutes.is_frozen:
            raise MinutesFrozen
        if minutes.version != version:
            raise StaleEdit
        if minutes.text == text:
            return minutes
        minutes.text, minutes.version = text, minutes.version + 1
        minutes.save(update_fields=["text", "version"])
    MinutesVersion.objects.create(minutes=minutes, number=minutes.version, text=text, saved_by=by)
    record(by, "minutes.saved", minutes, version=minutes.version)
    return minutes


@transaction.atomic
def circulate_minutes(minutes: Minutes, *, by: User) -> Minutes:
    """Send the draft round for comments before adoption."""
    locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if locked.status != MinutesStatus.DRAFT:
        raise WrongState
    locked.status, locked.circulated_at = MinutesStatus.CIRCULATED, timezone.now()
    locked.save(update_fields=["status", "circulated_at"])
    record(by, "minutes.circulated", locked, version=locked.version)
    return locked


@transaction.atomic
def adopt_minutes(minutes: Minutes, *, by: User, at_meeting: Meeting) -> Minutes:
    """Adopt circulated minutes at a later meeting; the text is frozen from then on."""
    locked = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if locked.status != MinutesStatus.CIRCULATED:
        raise WrongState
    if at_meeting.starts_at <= locked.meeting.starts_at or at_meeting.is_cancelled:
        raise WrongState
    locked.status = MinutesStatus.ADOPTED
    locked.adopted_at, locked.adopted_at_meeting = timezone.now(), at_meeting
    locked.save(update_fields=["status", "adopted_at", "adopted_at_meeting"])
    record(by, "minutes.adopted", locked, version=locked.version, at_meeting=at_meeting.pk)
    return locked


def _next_number(year: int) -> int:
    # The counter row is locked: two resolutions taken at once queue here, and the unique
    # constraint on (year, number) stands behind it.
    ResolutionCounter.objects.get_or_create(year=year)
    counter = ResolutionCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@dataclass
class ResolutionInput:
    decision: str
    method: str = DecisionMethod.CONSENSUS
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    follow_up_organisation: Organisation | None = None
    follow_up_person: User | None = None
    due_on: date | None = None
    actions: list[Any] = field(default_factory=list)
    submission: uuid.UUID | None = None


@transaction.atomic
def take_resolution(meeting: Meeting, *, by: User, data: ResolutionInput) -> Resolution:
    """Record a decision with the next number of the meeting's year; `data.actions` (plan
    ActionInput) become actions of the plan, linked to the resolution."""
    from filet.plans.actions import create_action

    if data.submission:
        existing = Resolution.objects.filter(submission=data.submission).first()
        if existing is not None:
            return existing
    year = timezone.localtime(meeting.starts_at).year
    vote = data.method == DecisionMethod.VOTE
    resolution = Resolution.objects.create(
        meeting=meeting,
        year=year,
        number=_next_number(year),
        decision=data.decision,
        method=data.method,
        votes_for=data.votes_for if vote else None,
        votes_against=data.votes_against if vote else None,
        abstentions=data.abstentions if vote else None,
        follow_up_organisation=data.follow_up_organisation,
        follow_up_person=data.follow_up_person,
        due_on=data.due_on,
        submission=data.submission,
    )
    record(by, "resolution.taken", resolution, code=resolution.code, meeting=meeting.pk)
    for spec in data.actions:
        create_action(spec, by=by, resolution=resolution)
    return resolution


@transaction.atomic
def close_follow_up(resolution: Resolution, *, by: User) -> Resolution:
    """Mark a resolution's follow-up done: it leaves the business arising."""
    if resolution.follow_up_done_at is None:
        resolution.follow_up_done_at = timezone.now()
        resolution.save(update_fields=["follow_up_done_at"])
        record(by, "resolution.follow_up_closed", resolution, code=resolution.code)
    return resolution


@transaction.atomic
def ask_question(
    meeting: Meeting,
    *,
    by: User,
    text: str,
    asked_by: User | None = None,
    organisation: Organisation | None = None,
    submission: uuid.UUID | None = None,
) -> Question:
    """Register a question of the question period; it stays open until answered and closed."""
    existing = Question.objects.filter(submission=submission).first() if submission else None
    if existing is not None:
        return existing
    question = Question.objects.create(
        meeting=meeting,
        text=text,
        asked_by=asked_by,
        organisation=organisation,
        submission=submission,
    )
    record(by, "question.asked", question, meeting=meeting.pk)
    return question


@transaction.atomic
def answer_question(
    question: Question,
    *,
    by: User,
    version: int,
    answer: str,
    answered_by: User | None,
    close: bool,
) -> Question:
    """Write who answers and the answer; closing takes it off the next agendas."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.version != version:
        raise StaleEdit
    locked.answer, locked.answered_by = answer, answered_by
    if close and locked.status == QuestionStatus.OPEN:
        locked.status, locked.closed_at = QuestionStatus.CLOSED, timezone.now()
    elif not close:
        locked.status, locked.closed_at = QuestionStatus.OPEN, None
    locked.version += 1
    locked.save()
    record(by, "question.answered", locked, status=locked.status)
    return locked


@transaction.atomic
def set_quorum_rule(*, by: User, rule: str) -> MeetingSettings:
    """Change how many member organisations make the quorum."""
    meeting_settings = MeetingSettings.load()
    meeting_settings.quorum_rule = rule
    meeting_settings.save()
    record(by, "meeting.settings_changed", None, quorum_rule=rule)
    return meeting_settings
