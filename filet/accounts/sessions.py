"""The session store Filet uses: Django's cached_db store, accepting only keys of the form
Django itself makes (32 lowercase letters and digits).

A forged cookie holding a NUL byte or any odd character is treated as no session at all,
instead of reaching the database, where PostgreSQL refuses NUL and the page would fail."""

import re

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore

_KEY = re.compile(r"[a-z0-9]{32}")


class SessionStore(CachedDbSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return key is not None and _KEY.fullmatch(key) is not None
