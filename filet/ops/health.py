"""What the health endpoint reports: the database, the cache, the outbox and the worker.
Counts and ages only, never an address, a subject or a setting."""

from datetime import timedelta
from typing import Any

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.db.models import Count, Min, Q
from django.utils import timezone

from filet.ops.cache import FallbackCache
from filet.ops.models import Heartbeat, JobRun, OutboxMessage, OutboxStatus


def cache_state() -> str:
    cache = caches["default"]
    if isinstance(cache, FallbackCache):
        return cache.ping()
    try:
        cache.get("filet-health-probe")
    except Exception:  # noqa: BLE001 — any cache failure is a state to report
        return "unavailable"
    return "ok"


def _age(moment: Any, now: Any) -> int | None:
    return None if moment is None else max(int((now - moment).total_seconds()), 0)


def report() -> dict[str, Any]:
    """Raises DatabaseError when the database does not answer."""
    now = timezone.now()
    with connection.cursor() as cursor:
        # nosemgrep: raw-sql — a constant probe of the connection, no input, no table
        cursor.execute("SELECT 1")
    outbox = OutboxMessage.objects.aggregate(
        backlog=Count("pk", filter=Q(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING])),
        oldest=Min("due_at", filter=Q(status=OutboxStatus.PENDING)),
        failed=Count("pk", filter=Q(status=OutboxStatus.FAILED)),
    )
    heartbeat = Heartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    day_ago = now - timedelta(days=1)
    return {
        "database": "ok",
        "cache": cache_state(),
        "outbox": {
            "backlog": outbox["backlog"],
            "oldest_due_seconds": _age(outbox["oldest"], now) or 0,
            "failed": outbox["failed"],
        },
        "worker": {"last_heartbeat_seconds": _age(heartbeat, now)},
        "jobs": {
            "failed_last_day": JobRun.objects.filter(ok=False, started_at__gte=day_ago).count()
        },
    }


def check() -> tuple[int, dict[str, Any]]:
    try:
        body = report()
    except DatabaseError:
        return 503, {"status": "unavailable", "database": "unavailable", "cache": cache_state()}
    body["status"] = "ok" if body["cache"] == "ok" else "degraded"
    return 200, body
