"""State changes of the safety net: each atomic, audited in the same transaction (for every
organisation taking part, so that each one's privacy officer sees it), and idempotent where
a double-click could repeat it."""

import uuid
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.audit.models import AuditEntry, AuditLink
from filet.directory.models import Territory
from filet.organisations.models import Organisation
from filet.pivots.models import Designation
from filet.situations import mail
from filet.situations.models import (
    OPEN_ACTION_STATUSES,
    TRANSITIONS,
    Action,
    DpjReport,
    Note,
    Participant,
    Situation,
    SituationCounter,
    Status,
)
from filet.taxonomy.models import Term


class StaleSituation(Exception):
    """Someone saved the situation since the form was shown; `current` is what they left."""

    def __init__(self, current: Situation):
        super().__init__("stale situation")
        self.current = current


class OpenActionsNeedReason(Exception):
    """Closing with actions still to do or in progress needs a reason."""


class NotAllowed(Exception):
    """The change does not apply to the situation as it stands."""


@dataclass
class SituationData:
    """What the opener states (the form's cleaned data): coarse attributes only."""

    age_band: str
    gender: str
    sector: Territory
    milieu_type: str
    dpj_report: str
    indicators: list[Term] = field(default_factory=list)
    dpj_reported_in: date | None = None
    dpj_reason: str = ""
    summary: str = ""
    lead_organisation: Organisation | None = None
    next_review_on: date | None = None
    alone_justification: str = ""


def data_of(situation: Situation, **changes: Any) -> SituationData:
    """The situation as it stands, with some values changed (demo, tests)."""
    values: dict[str, Any] = {
        f.name: getattr(situation, f.name) for f in fields(SituationData) if f.name != "indicators"
    }
    values.update(changes)
    return SituationData(indicators=list(situation.indicators.all()), **values)


def audit(
    by: User | None, event: str, situation: Situation, *, request: Any = None, **data: Any
) -> AuditEntry:
    """One entry, linked to every organisation taking part or invited."""
    entry = record(
        by, event, situation, organisation=situation.organisation, request=request,
        code=situation.code, **data,
    )  # fmt: skip
    ids = set(situation.participants.values_list("organisation_id", flat=True))
    AuditLink.objects.bulk_create(
        [AuditLink(entry=entry, organisation_id=pk) for pk in ids], ignore_conflicts=True
    )
    return entry


def _next_code(year: int) -> tuple[int, str]:
    SituationCounter.objects.get_or_create(year=year)
    counter = SituationCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"QC-{year}-{counter.last:04d}"


def _apply(situation: Situation, data: SituationData) -> None:
    for name in (f.name for f in fields(data)):
        if name != "indicators":
            setattr(situation, name, getattr(data, name))
    if situation.dpj_report != DpjReport.MADE:
        situation.dpj_reported_in = None
    if situation.dpj_report != DpjReport.NOT_REQUIRED:
        situation.dpj_reason = ""


@transaction.atomic
def open_situation(
    *, by: User, organisation: Organisation, data: SituationData, submission: uuid.UUID
) -> Situation:
    """Open a situation under a new code; the same submission twice opens it once."""
    existing = Situation.objects.filter(opened_by=by, submission=submission).first()
    if existing is not None:
        return existing
    number, code = _next_code(timezone.localdate().year)
    situation = Situation(
        code=code,
        year=timezone.localdate().year,
        number=number,
        organisation=organisation,
        opened_by=by,
        submission=submission,
    )
    _apply(situation, data)
    try:
        with transaction.atomic():
            situation.save()
    except IntegrityError:
        return Situation.objects.get(opened_by=by, submission=submission)
    situation.indicators.set(data.indicators)
    Participant.objects.create(
        situation=situation,
        organisation=organisation,
        person=by,
        status=Participant.Status.ACCEPTED,
        invited_by=by,
        responded_at=timezone.now(),
    )
    audit(by, "situation.opened", situation, dpj=situation.dpj_report)
    return situation


@transaction.atomic
def change_situation(
    situation: Situation, *, by: User, version: int, data: SituationData
) -> Situation:
    """Change the attributes and the plan's frame; refused if saved since `version`."""
    locked = Situation.objects.select_for_update().get(pk=situation.pk)
    if locked.version != version:
        raise StaleSituation(locked)
    # Applied to the locked row: what others changed outside the form (status) stays.
    _apply(locked, data)
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save()
    locked.indicators.set(data.indicators)
    audit(by, "situation.changed", locked, version=locked.version)
    return locked


@transaction.atomic
def change_status(situation: Situation, *, by: User, status: str) -> Situation:
    """Open → active → monitoring (and back to active); closing has its own action."""
    locked = Situation.objects.select_for_update().get(pk=situation.pk)
    if locked.status == status:
        return locked
    if status not in TRANSITIONS[locked.status]:
        raise NotAllowed
    before = locked.status
    Situation.objects.filter(pk=locked.pk).update(
        status=status, version=F("version") + 1, updated_at=timezone.now()
    )
    locked.refresh_from_db()
    audit(by, "situation.status_changed", locked, before=before, status=status)
    return locked


@transaction.atomic
def close_situation(situation: Situation, *, by: User, outcome: str, reason: str = "") -> None:
    """Close with an outcome; actions still open need a reason. Closing twice is once."""
    locked = Situation.objects.select_for_update().get(pk=situation.pk)
    if locked.status == Status.CLOSED:
        return
    open_actions = locked.actions.filter(status__in=OPEN_ACTION_STATUSES).count()
    if open_actions and not reason.strip():
        raise OpenActionsNeedReason
    locked.status, locked.outcome = Status.CLOSED, outcome
    locked.closing_reason = reason if open_actions else ""
    locked.closed_at = locked.updated_at = timezone.now()
    locked.version += 1
    locked.save()
    audit(by, "situation.closed", locked, outcome=outcome, open_actions=open_actions)


@transaction.atomic
def reopen_situation(situation: Situation, *, by: User) -> None:
    """Reopen a closed situation as active; its outcome is cleared."""
    locked = Situation.objects.select_for_update().get(pk=situation.pk)
    if locked.status != Status.CLOSED:
        return
    locked.status, locked.outcome, locked.closing_reason = Status.ACTIVE, "", ""
    locked.closed_at, locked.updated_at = None, timezone.now()
    locked.version += 1
    locked.save()
    audit(by, "situation.reopened", locked)


@transaction.atomic
def invite(situation: Situation, *, by: User, designation: Designation) -> Participant:
    """Invite another organisation's pivot; inviting someone already there changes nothing."""
    Situation.objects.select_for_update().get(pk=situation.pk)
    existing = Participant.objects.filter(
        situation=situation, person=designation.pivot, status__in=Participant.SEEING
    ).first()
    if existing is not None:
        return existing
    participant = Participant.objects.create(
        situation=situation,
        organisation=designation.organisation,
        person=designation.pivot,
        status=Participant.Status.INVITED,
        invited_by=by,
    )
    audit(by, "situation.invited", situation, organisation_invited=designation.organisation_id,
          person=designation.pivot_id)  # fmt: skip
    mail.invited(participant)
    return participant


@transaction.atomic
def respond(participant: Participant, *, by: User, accept: bool, reason: str = "") -> Participant:
    """Accept or decline an invitation; answering again changes nothing."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.status != Participant.Status.INVITED:
        return locked
    locked.status = Participant.Status.ACCEPTED if accept else Participant.Status.DECLINED
    locked.reason = "" if accept else reason
    locked.responded_at = timezone.now()
    locked.save()
    situation = locked.situation
    if accept and situation.status == Status.OPEN:
        Situation.objects.filter(pk=situation.pk).update(
            status=Status.ACTIVE, version=F("version") + 1, updated_at=timezone.now()
        )
    event = "situation.accepted" if accept else "situation.declined"
    audit(by, event, situation, organisation_joined=locked.organisation_id)
    return locked


@transaction.atomic
def leave(situation: Situation, *, by: User, reason: str) -> None:
    """A participant leaves; the departure stays on the record and on the watch lists."""
    rows = Participant.objects.select_for_update().filter(
        situation=situation, person=by, status=Participant.Status.ACCEPTED
    )
    now = timezone.now()
    left = [row.organisation_id for row in rows]
    rows.update(status=Participant.Status.LEFT, left_at=now, reason=reason)
    if left:
        audit(by, "situation.left", situation, organisations=left)


@transaction.atomic
def add_action(situation: Situation, *, by: User, submission: uuid.UUID, **values: Any) -> Action:
    """Add an action to the plan; the same submission twice adds it once."""
    existing = Action.objects.filter(situation=situation, submission=submission).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            action = Action.objects.create(
                situation=situation, created_by=by, submission=submission, **values
            )
    except IntegrityError:
        return Action.objects.get(situation=situation, submission=submission)
    audit(by, "situation.action_added", situation, action_id=action.pk,
          responsible=action.organisation_id, due_on=action.due_on.isoformat())  # fmt: skip
    return action


@transaction.atomic
def update_action(action: Action, *, by: User, status: str) -> Action:
    """Report an action's status; the same status twice is recorded once."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.status == status:
        return locked
    before, locked.status = locked.status, status
    locked.save(update_fields=["status"])
    audit(by, "situation.action_changed", locked.situation, action_id=locked.pk, before=before,
          status=status)  # fmt: skip
    return locked


@transaction.atomic
def add_note(situation: Situation, *, by: User, submission: uuid.UUID, text: str) -> Note:
    """A short follow-up note; the same submission twice records it once."""
    existing = Note.objects.filter(author=by, submission=submission).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            note = Note.objects.create(
                situation=situation, author=by, submission=submission, text=text
            )
    except IntegrityError:
        return Note.objects.get(author=by, submission=submission)
    audit(by, "situation.note_added", situation, note=note.pk)
    return note
