"""State changes of the privacy officer's tools: each in one transaction, audited."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.lib.retention import RetentionRule
from filet.organisations.models import Organisation
from filet.privacy.models import Incident, IncidentStatus, PrivacyNotice, PurgeRun, RetentionPeriod
from filet.privacy.schedule import cutoff_for, periods

DESCRIPTION_FIELDS = [
    "information",
    "circumstances",
    "occurred_from",
    "occurred_to",
    "learned_on",
    "persons",
    "persons_estimated",
    "measures",
]
ASSESSMENT_FIELDS = ["sensitivity", "likelihood", "consequences", "serious", "assessed_on"]
NOTICE_FIELDS = ["commission_notified_on", "persons_notified_on", "public_notice"]
PRIVACY_NOTICE_FIELDS = [
    "officer_name",
    "officer_title_fr",
    "officer_title_en",
    "officer_email",
    "officer_phone",
    "notice_fr",
    "notice_en",
]


class StaleEdit(Exception):
    """Someone else changed the record since the form was opened."""


class NotClosable(Exception):
    """The incident cannot be closed yet (risk not assessed or notices missing)."""


@transaction.atomic
def record_incident(
    organisation: Organisation,
    *,
    by: User,
    data: dict[str, Any],
    submission: str = "",
    request: HttpRequest | None = None,
) -> Incident:
    """Open an entry of the register. A submission key already used returns its entry."""
    if submission:
        existing = Incident.objects.filter(recorded_by=by, submission=submission).first()
        if existing:
            return existing
    # Locking the organisation's row queues concurrent recorders for the next number.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    last = Incident.objects.filter(organisation=organisation).aggregate(n=Max("number"))["n"]
    incident = Incident(
        organisation=organisation, number=(last or 0) + 1, recorded_by=by, submission=submission
    )
    for field in DESCRIPTION_FIELDS:
        setattr(incident, field, data[field])
    incident.save()
    record(by, "incident.recorded", incident, organisation=organisation, request=request)
    return incident


def _locked(incident: Incident, expected_version: int) -> Incident:
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if locked.version != expected_version:
        raise StaleEdit
    return locked


def _save(incident: Incident, fields: list[str], data: dict[str, Any], version: int) -> None:
    for field in fields:
        setattr(incident, field, data[field])
    incident.version = version + 1
    incident.save(update_fields=[*fields, "version", "status", "closed_on"])


@transaction.atomic
def change_incident(
    incident: Incident,
    *,
    by: User,
    data: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> Incident:
    """Correct the description of an open incident; a concurrent edit is refused."""
    locked = _locked(incident, expected_version)
    _save(incident, DESCRIPTION_FIELDS, data, locked.version)
    record(by, "incident.changed", incident, organisation=incident.organisation,
           request=request, version=incident.version)  # fmt: skip
    return incident


@transaction.atomic
def assess_incident(
    incident: Incident,
    *,
    by: User,
    data: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> Incident:
    """Record the assessment of the risk of serious injury, with its factors."""
    locked = _locked(incident, expected_version)
    if incident.status == IncidentStatus.RECORDED:
        incident.status = IncidentStatus.ASSESSED
    _save(incident, ASSESSMENT_FIELDS, data, locked.version)
    record(by, "incident.assessed", incident, organisation=incident.organisation,
           request=request, serious=bool(incident.serious))  # fmt: skip
    return incident


@transaction.atomic
def record_notices(
    incident: Incident,
    *,
    by: User,
    data: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> Incident:
    """Record the dates of the notices to the Commission and to the persons."""
    locked = _locked(incident, expected_version)
    incident.status = IncidentStatus.NOTIFIED
    _save(incident, NOTICE_FIELDS, data, locked.version)
    record(by, "incident.notified", incident, organisation=incident.organisation, request=request)
    return incident


@transaction.atomic
def close_incident(
    incident: Incident,
    *,
    by: User,
    on: date,
    expected_version: int,
    request: HttpRequest | None = None,
) -> Incident:
    """Close an assessed incident; a serious one only once both notices are recorded."""
    locked = _locked(incident, expected_version)
    if locked.status == IncidentStatus.CLOSED:
        return locked
    if locked.serious is None or locked.notices_due or not locked.measures.strip():
        raise NotClosable
    incident.status, incident.closed_on = IncidentStatus.CLOSED, on
    _save(incident, [], {}, locked.version)
    record(by, "incident.closed", incident, organisation=incident.organisation, request=request)
    return incident


@transaction.atomic
def save_notice(
    notice: PrivacyNotice,
    *,
    by: User,
    data: dict[str, Any],
    expected_version: int,
    request: HttpRequest | None = None,
) -> PrivacyNotice:
    """Publish a new text of an organisation's (or the Table's) privacy notice."""
    if notice.pk:
        locked = PrivacyNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.version != expected_version:
            raise StaleEdit
    elif expected_version != 0:
        raise StaleEdit
    for field in PRIVACY_NOTICE_FIELDS:
        setattr(notice, field, data[field])
    notice.version += 1
    notice.updated_at, notice.updated_by = timezone.now(), by
    notice.save()
    record(by, "privacy.notice_changed", notice, organisation=notice.organisation,
           request=request, version=notice.version)  # fmt: skip
    return notice


@transaction.atomic
def set_retention_periods(
    changes: dict[str, int], *, by: User, request: HttpRequest | None = None
) -> list[str]:
    """Set the Table's periods; returns the kinds that changed (each one audited)."""
    current = periods()
    changed = [kind for kind, months in changes.items() if current.get(kind) != months]
    for kind in changed:
        RetentionPeriod.objects.update_or_create(
            kind=kind, defaults={"months": changes[kind], "set_by": by, "set_at": timezone.now()}
        )
        record(by, "retention.period_set", None, request=request, kind=kind,
               months=changes[kind], before=current.get(kind))  # fmt: skip
    return changed


def purge_rule(
    rule: RetentionRule, *, now: datetime, dry_run: bool = False
) -> tuple[int, datetime]:
    """Destroy what is due for one kind (or count it, on a dry run); returns count, cutoff."""
    cutoff = cutoff_for(rule, now)
    if dry_run:
        return rule.due(cutoff).count(), cutoff
    with transaction.atomic():
        count = rule.purge(cutoff)
        PurgeRun.objects.create(kind=rule.kind, count=count, cutoff=cutoff, at=now)
        record(None, "retention.purged", None, kind=rule.kind, count=count,
               cutoff=cutoff.isoformat())  # fmt: skip
    return count, cutoff
