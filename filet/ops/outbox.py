"""Delivering the outbox: claim due rows (one worker per row), send each through the
delivery backend, retry with exponential backoff, give up after OUTBOX_MAX_ATTEMPTS."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone

from filet.ops.mail import rebuild
from filet.ops.models import OutboxMessage, OutboxStatus

logger = logging.getLogger("filet.ops")


def max_attempts() -> int:
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8))


def backoff(attempts: int) -> timedelta:
    """Delay before the next attempt: 30 s, 1 min, 2 min, … capped at six hours."""
    base = float(getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 30))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def claim(worker: str, *, limit: int = 20, now: datetime | None = None) -> list[OutboxMessage]:
    """Mark up to `limit` due rows as being sent by this worker, in a short transaction.
    PostgreSQL skips rows another worker holds; SQLite's IMMEDIATE transactions queue the
    writers. The conditional UPDATE is what guarantees a single owner either way."""
    now, worker = now or timezone.now(), worker[:100]
    with transaction.atomic():
        due = OutboxMessage.objects.due(now).order_by("due_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:limit])
        OutboxMessage.objects.filter(pk__in=ids, status=OutboxStatus.PENDING).update(
            status=OutboxStatus.SENDING, claimed_at=now, claimed_by=worker
        )
        won = OutboxMessage.objects.filter(
            pk__in=ids, status=OutboxStatus.SENDING, claimed_by=worker, claimed_at=now
        )
        return list(won.order_by("due_at", "pk"))


def deliver(row: OutboxMessage) -> bool:
    """Send one claimed row; record success, a retry or the final failure."""
    try:
        with get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False) as conn:
            conn.send_messages([rebuild(row)])
    except Exception as error:  # noqa: BLE001 — any failure is a retry, never a crash
        _failed(row, error)
        return False
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), attempts=row.attempts + 1, last_error=""
    )
    return True


def _failed(row: OutboxMessage, error: Exception) -> None:
    attempts = row.attempts + 1
    text = f"{type(error).__name__}: {error}"[:300]
    if attempts >= max_attempts():
        status, due = OutboxStatus.FAILED, row.due_at
        logger.error("outbox: %s failed for good after %d attempts", row.message_id, attempts)
    else:
        status, due = OutboxStatus.PENDING, timezone.now() + backoff(attempts)
        logger.warning("outbox: %s attempt %d failed; retry later", row.message_id, attempts)
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=status, attempts=attempts, last_error=text, due_at=due, claimed_at=None
    )


def deliver_now(row: OutboxMessage) -> None:
    """Tests and single-process set-ups: send a freshly stored row at once."""
    won = OutboxMessage.objects.filter(pk=row.pk, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_at=timezone.now(), claimed_by="immediate"
    )
    if won:
        deliver(row)


def process(worker: str, *, limit: int = 20) -> tuple[int, int]:
    """One pass: claim and deliver what is due. Returns (sent, failed attempts)."""
    sent = failed = 0
    for row in claim(worker, limit=limit):
        if deliver(row):
            sent += 1
        else:
            failed += 1
    return sent, failed


def release_interrupted(*, older_than: timedelta) -> int:
    """Rows claimed by a worker that died while sending: whether the server accepted them
    is unknown, so they are not resent automatically (never twice); the operator sees them
    as failed and may requeue them after checking."""
    cutoff = timezone.now() - older_than
    return OutboxMessage.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=cutoff).update(
        status=OutboxStatus.FAILED, last_error="Interrupted while sending; check, then requeue."
    )


def requeue(ids: list[int]) -> int:
    """The operator sends failed rows again (after fixing the cause)."""
    return OutboxMessage.objects.filter(pk__in=ids, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, due_at=timezone.now(), attempts=0, claimed_at=None
    )


def prune_sent(*, older_than: timedelta) -> int:
    """Sent messages hold addresses and text: kept OUTBOX_KEEP_DAYS, then deleted."""
    cutoff = timezone.now() - older_than
    return OutboxMessage.objects.filter(status=OutboxStatus.SENT, sent_at__lt=cutoff).delete()[0]
