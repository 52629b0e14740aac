"""Periodic jobs run by the worker. Each job has a period; the slot is the period's label
(the hour, the day, the month). A worker runs a slot only after inserting its JobRun row:
the unique (job, slot) constraint makes sure two workers never run the same slot."""

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import IntegrityError, transaction
from django.utils import timezone

from filet.ops import cache, outbox
from filet.ops.models import JobRun

logger = logging.getLogger("filet.ops")


class Period(StrEnum):
    HOURLY = "hourly"
    DAILY = "daily"
    MONTHLY = "monthly"


HOURLY, DAILY, MONTHLY = Period.HOURLY, Period.DAILY, Period.MONTHLY
# A slot is the period's label in local time: the hour, the day or the month.
SLOT_FORMATS = {HOURLY: "%Y-%m-%dT%H", DAILY: "%Y-%m-%d", MONTHLY: "%Y-%m"}


def _previous_month(now: datetime) -> list[str]:
    first = now.date().replace(day=1)
    previous: date = (first - timedelta(days=1)).replace(day=1)
    return [f"--month={previous:%Y-%m}"]


def _prune_outbox() -> str:
    """Sent e-mails after OUTBOX_KEEP_DAYS; the record of job runs after a year."""
    days = int(getattr(settings, "OUTBOX_KEEP_DAYS", 30))
    mails = outbox.prune_sent(older_than=timedelta(days=days))
    runs = JobRun.objects.filter(started_at__lt=timezone.now() - timedelta(days=365)).delete()[0]
    return f"outbox_prune: {mails} sent e-mails and {runs} job runs deleted"


def _prune_cache() -> str:
    return f"cache_prune: {cache.prune_expired()} expired entries deleted"


@dataclass(frozen=True)
class Job:
    name: str
    period: Period
    # A management command called by name (skipped when it is not installed)…
    command: str = ""
    arguments: Callable[[datetime], list[str]] = field(default=lambda now: [])
    # …or a function of the ops app.
    function: Callable[[], str] | None = None
    # Daily and monthly jobs wait for this local hour, so people get mail in the morning.
    after_hour: int = 6

    def slot(self, now: datetime) -> str:
        return timezone.localtime(now).strftime(SLOT_FORMATS[self.period])

    def is_time(self, now: datetime) -> bool:
        return self.period == HOURLY or timezone.localtime(now).hour >= self.after_hour

    def available(self) -> bool:
        return self.function is not None or self.command in get_commands()


SCHEDULE: tuple[Job, ...] = (
    Job("send_meeting_reminders", HOURLY, command="send_meeting_reminders"),
    Job("cache_prune", HOURLY, function=_prune_cache),
    Job("pivot_reminders", DAILY, command="pivot_reminders"),
    Job("send_training_reminders", DAILY, command="send_training_reminders"),
    Job("situation_reminders", DAILY, command="situation_reminders"),
    Job("consultation_reminders", DAILY, command="consultation_reminders"),
    Job("purge_expired", DAILY, command="purge_expired", after_hour=2),
    Job("outbox_prune", DAILY, function=_prune_outbox, after_hour=2),
    Job("send_bulletin", MONTHLY, command="send_bulletin", arguments=_previous_month),
)


def claim_slot(job: Job, slot: str, worker: str) -> JobRun | None:
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job.name, slot=slot, worker=worker[:100])
    except IntegrityError:
        return None


def run_job(job: Job, now: datetime) -> tuple[bool, str]:
    try:
        if job.function is not None:
            return True, job.function()
        out = io.StringIO()
        call_command(job.command, *job.arguments(now), stdout=out, stderr=out)
        return True, out.getvalue().strip()
    except Exception as error:  # noqa: BLE001 — a failing job is recorded, the loop goes on
        logger.exception("job %s failed", job.name)
        return False, f"{type(error).__name__}: {error}"


def run_due(worker: str, *, now: datetime | None = None, jobs: tuple[Job, ...] = SCHEDULE) -> int:
    """Run every job whose current slot nobody has claimed yet. Returns how many ran."""
    now = now or timezone.now()
    ran = 0
    for job in jobs:
        if not job.is_time(now) or not job.available():
            continue
        run = claim_slot(job, job.slot(now), worker)
        if run is None:
            continue
        ok, output = run_job(job, now)
        JobRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(), ok=ok, output=output[:500]
        )
        ran += 1
    return ran
