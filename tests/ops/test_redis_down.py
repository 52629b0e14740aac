"""Redis goes away: pages get slower, never a 500, and no security control fails open —
axes' lockout, allauth's rate limits and its TOTP replay protection keep working. A real
redis-server on port 6390, killed (or frozen) in the middle of each test."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.conf import settings

from filet.audit.models import AuditEntry
from tests.conftest import PASSWORD, login, totp_now

pytestmark = pytest.mark.django_db
PORT = 6390
LOGIN_URL = "/comptes/login/"
MFA_URL = "/comptes/2fa/authenticate/"
RESET_URL = "/comptes/password/reset/"


class Redis:
    def __init__(self, port: int) -> None:
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 — a fixed local test binary
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(5)
            self.process = None

    def freeze(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def redis(settings):
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is needed for this test (apt-get install redis-server)")
    server = Redis(PORT)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "filet.ops.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database", "RETRY_SECONDS": 15},
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{PORT}/0",
            "KEY_PREFIX": "filet-test",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "filet_cache",
        },
    }
    from django.core.cache import cache

    cache.clear()
    yield server
    if server.process is not None:
        server.thaw()
    server.kill()


def _redis_holds_keys() -> bool:
    from django.core.cache import caches

    client = caches["redis"]._cache.get_client()
    return bool(client.keys("filet-test:*"))


def _fresh_totp_window() -> None:
    """Stay inside one 30-second TOTP window for what follows."""
    if time.time() % 30 > 20:
        time.sleep(30 - time.time() % 30 + 0.1)


def _log_in(client, user, code: str):
    first = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert (first.status_code, first["Location"]) == (302, MFA_URL)
    return client.post(MFA_URL, {"code": code})


def test_pages_and_sessions_survive_redis_dying(client, personas, redis):
    login(client, personas.worker)
    assert client.get("/").status_code == 200
    assert _redis_holds_keys()  # Redis was really in use
    redis.kill()
    started = time.monotonic()
    for path in ("/", "/veille/", "/ops/sante/"):
        assert client.get(path).status_code == 200, path
    assert time.monotonic() - started < 5
    assert client.session.get("_auth_user_id") == str(personas.worker.pk)
    assert client.get("/ops/sante/").json()["cache"] == "degraded"


def test_a_frozen_redis_costs_a_short_timeout_not_an_error(client, personas, redis):
    login(client, personas.worker)
    assert client.get("/").status_code == 200
    redis.freeze()  # accepts nothing, answers nothing
    started = time.monotonic()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200
    assert time.monotonic() - started < 3  # one 0.25 s timeout, then the circuit stays open


def test_totp_code_cannot_be_replayed_while_or_after_redis_is_down(client, personas, redis):
    user = personas.representative
    _fresh_totp_window()
    code = totp_now(user)
    assert _log_in(client, user, code).status_code == 302
    client.post("/comptes/logout/")
    redis.kill()

    replay = _log_in(client, user, code)
    assert replay.status_code == 200
    assert list(replay.context["form"].errors) == ["code"]
    assert client.session.get("_auth_user_id") is None

    redis.start()  # back, empty: the database copy still knows the code was used
    from django.core.cache import cache

    cache._down_until = 0.0  # do not wait the retry period in a test
    again = client.post(MFA_URL, {"code": code})
    assert again.status_code == 200
    assert client.session.get("_auth_user_id") is None
    assert AuditEntry.objects.filter(action="auth.login").count() == 1


def test_lockout_still_applies_with_redis_down(client, personas, redis):
    user = personas.representative
    bad = [
        client.post(LOGIN_URL, {"login": user.email, "password": "wrong"}).status_code
        for _ in range(2)
    ]
    redis.kill()
    bad += [
        client.post(LOGIN_URL, {"login": user.email, "password": "wrong"}).status_code
        for _ in range(3)
    ]
    assert bad == [200, 200, 200, 200, 429]
    locked = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_allauth_rate_limit_counts_across_the_outage(client, personas, redis):
    # 5 password-reset requests per hour and address: 3 before Redis dies, 2 after, then no.
    email = personas.worker.email
    statuses = [client.post(RESET_URL, {"email": email}).status_code for _ in range(3)]
    redis.kill()
    statuses += [client.post(RESET_URL, {"email": email}).status_code for _ in range(3)]
    assert statuses == [302, 302, 302, 302, 302, 429]
    assert settings.ACCOUNT_RATE_LIMITS["reset_password"].endswith("5/h/key")
