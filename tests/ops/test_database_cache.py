"""The database cache keeps MFA replay markers, lockout and rate-limit counters (alone, or
beside Redis): it must never drop a live entry to make room, and its expired entries are
pruned by the worker rather than left to pile up."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from filet import settings as filet_settings
from filet.ops import jobs
from filet.ops.cache import database_cache

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _configured_database_cache(settings):
    # The cache as filet/settings.py configures it, not the tests' private one.
    settings.CACHES = {"default": filet_settings.DATABASE_CACHE}


def test_live_entries_survive_a_busy_cache():
    cache = database_cache()
    cache.clear()
    cache.set("allauth-totp-used-marker", "used", timeout=60)
    # Django's default cap (300 entries) culls a third of the table, lowest keys first.
    cache.set_many({f"filler-{n:04d}": n for n in range(1_000)}, timeout=60)
    cache.set("one-more", 1, timeout=60)
    assert cache.get("allauth-totp-used-marker") == "used"


def test_the_worker_prunes_expired_entries_only():
    cache = database_cache()
    cache.clear()
    start = datetime(2026, 3, 2, 12, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        cache.set("short", 1, timeout=60)
        cache.set("long", 2, timeout=3_600)
        cache.set("forever", 3, timeout=None)
    prune = next(job for job in jobs.SCHEDULE if job.name == "cache_prune")
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        assert prune.function is not None
        assert prune.function() == "cache_prune: 1 expired entries deleted"
        assert cache.get("long") == 2
        assert cache.get("forever") == 3
        assert cache.get("short") is None
    assert prune.period == jobs.HOURLY
