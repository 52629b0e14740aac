"""A cache that survives Redis going away without failing open.

Every write goes to the database cache as well as to Redis, so the database copy is always
complete; reads go to Redis first. When Redis does not answer (short socket timeouts), the
backend stops asking it for CACHE_RETRY_SECONDS and serves everything from the database:
pages get slower, never a 500. `add` — what allauth's TOTP replay protection and rate-limit
locks rely on — is decided by the database copy, so a code used while Redis was down is
still refused once it is back. When Redis answers again, its stale content is cleared."""

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.utils import timezone

logger = logging.getLogger("filet.ops")
_MISSING = object()


class FallbackCache(BaseCache):
    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.primary_alias = options.get("PRIMARY", "redis")
        self.fallback_alias = options.get("FALLBACK", "database")
        self.retry_seconds = float(options.get("RETRY_SECONDS", 15))
        self._down_until = 0.0
        self._was_down = False
        self._lock = threading.Lock()

    @property
    def primary(self) -> BaseCache:
        return caches[self.primary_alias]

    @property
    def fallback(self) -> BaseCache:
        return caches[self.fallback_alias]

    def degraded(self) -> bool:
        """Redis was found unavailable within the last retry period."""
        return time.monotonic() < self._down_until

    def _primary(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Call Redis unless it is known down; _MISSING when it did not answer."""
        if self.degraded():
            return _MISSING
        try:
            result = getattr(self.primary, method)(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 — redis, socket or timeout errors alike
            self._mark_down()
            logger.warning("cache: Redis unavailable (%s); using the database", error)
            return _MISSING
        if self._was_down:
            self._recovered()
        return result

    def _mark_down(self) -> None:
        with self._lock:
            self._down_until = time.monotonic() + self.retry_seconds
            self._was_down = True

    def _recovered(self) -> None:
        with self._lock:
            if not self._was_down:
                return
            self._was_down = False
        try:
            self.primary.clear()  # what Redis holds missed the writes made meanwhile
        except Exception:  # noqa: BLE001
            self._mark_down()
            return
        logger.warning("cache: Redis is back; its stale content was cleared")

    def ping(self) -> str:
        """For the health endpoint: "ok" or "degraded"."""
        found = self._primary("get", "filet-health-probe")
        return "degraded" if found is _MISSING and self.degraded() else "ok"

    # --- reads ------------------------------------------------------------------------
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        found = self._primary("get", key, _MISSING, version=version)
        if found is _MISSING:
            return self.fallback.get(key, default, version=version)
        return found

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        keys = list(keys)
        found = self._primary("get_many", keys, version=version)
        if found is _MISSING:
            return dict(self.fallback.get_many(keys, version=version))
        missing = [key for key in keys if key not in found]
        if missing:
            found.update(self.fallback.get_many(missing, version=version))
        return dict(found)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self.get(key, _MISSING, version=version) is not _MISSING

    # --- writes: the database copy first (it is the complete one), then Redis ----------
    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        added = bool(self.fallback.add(key, value, self._t(timeout), version=version))
        if not added:
            return False
        self._primary("set", key, value, self._t(timeout), version=version)
        return True

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self.fallback.set(key, value, self._t(timeout), version=version)
        self._primary("set", key, value, self._t(timeout), version=version)

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        failed = self.fallback.set_many(data, self._t(timeout), version=version)
        self._primary("set_many", data, self._t(timeout), version=version)
        return list(failed)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        touched = bool(self.fallback.touch(key, self._t(timeout), version=version))
        self._primary("touch", key, self._t(timeout), version=version)
        return touched

    def delete(self, key: Any, version: int | None = None) -> bool:
        deleted = bool(self.fallback.delete(key, version=version))
        self._primary("delete", key, version=version)
        return deleted

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        keys = list(keys)
        self.fallback.delete_many(keys, version=version)
        self._primary("delete_many", keys, version=version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        value = int(self.fallback.incr(key, delta, version=version))
        self._primary("delete", key, version=version)  # the next read falls through
        return value

    def clear(self) -> None:
        self.fallback.clear()
        self._primary("clear")

    def close(self, **kwargs: Any) -> None:
        """The two caches are closed by Django themselves (they are aliases of their own)."""

    def _t(self, timeout: Any) -> Any:
        return self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout


def database_cache() -> DatabaseCache:
    """The database cache: Filet's only cache without Redis, the complete copy with it."""
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
            cache = caches[alias]
            if isinstance(cache, DatabaseCache):
                return cache
    raise ImproperlyConfigured("Filet needs a database cache (settings.CACHES).")


def prune_expired() -> int:
    """Delete the database cache's expired rows (Django only does it on a write once the
    table is over MAX_ENTRIES); returns how many went."""
    cache = database_cache()
    connection = connections[router.db_for_write(cache.cache_model_class)]
    table = connection.ops.quote_name(str(cache.cache_model_class._meta.db_table))
    now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
    with connection.cursor() as cursor:
        # nosemgrep: raw-sql — a fixed statement on the cache table Django itself manages
        cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608  # nosec B608
        return max(cursor.rowcount, 0)
