"""Scale-out: two gunicorn app servers and two workers on one database (PostgreSQL in
`make test-postgres`, the SQLite file otherwise), sharing sessions and a Redis cache.
A reminder job run by both workers is sent once; two simultaneous edits of one record
through the two servers never lose an update silently."""

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from filet.ops.models import JobRun, OutboxMessage, OutboxStatus
from filet.watch.models import WatchItem
from tests.ops.smtp import SMTPServer
from tests.ops.test_redis_down import Redis
from tests.pivots.builders import designation
from tests.watch.builders import item_data, post

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
APP_PORTS, SMTP_PORT, REDIS_PORT = (8103, 8104), 8106, 6391
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')


def _database_url() -> str:
    params = connection.settings_dict
    if connection.vendor == "postgresql":
        user, host, port = params["USER"], params["HOST"] or "127.0.0.1", params["PORT"] or 5432
        password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
        return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"
    return f"sqlite:///{params['NAME']}"


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FILET_", "DJANGO_"))}
    env.update(
        DATABASE_URL=_database_url(), REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        ALLOWED_HOSTS="127.0.0.1", SITE_URL="http://127.0.0.1:8103",
        OUTBOX_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(SMTP_PORT), DJANGO_SETTINGS_MODULE="filet.settings",
    )  # fmt: skip
    return env


def _wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, "the app server stopped"
        try:
            status, _body, _cookies = _request(port, "GET", "/ops/sante/", {})
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the app server on {port} did not start")


@pytest.fixture
def platform():
    redis, smtp = Redis(REDIS_PORT), SMTPServer(SMTP_PORT)
    redis.start()
    smtp.start()
    servers = [
        subprocess.Popen(  # noqa: S603 — our own gunicorn, fixed arguments
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "filet.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--timeout",
                "30",
                "--graceful-timeout",
                "1",
            ],
            cwd=ROOT,
            env=_environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for port in APP_PORTS
    ]
    try:
        for port, server in zip(APP_PORTS, servers, strict=True):
            _wait_until_up(port, server)
        yield smtp
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(10)
        smtp.stop()
        redis.kill()


def _request(port: int, method: str, path: str, cookies: dict[str, str], data=None):  # type: ignore[no-untyped-def]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    body = None
    if data is not None:
        body = urlencode(data, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    text = response.read().decode()
    set_cookies = {
        part.split("=", 1)[0]: part.split("=", 1)[1].split(";", 1)[0]
        for part in response.headers.get_all("Set-Cookie") or []
    }
    conn.close()
    return response.status, text, set_cookies


# Daily jobs wait for 06:00, Québec time: the workers run the slots of a fixed morning, so
# that the test does not depend on the hour it runs at.
MORNING = "2026-11-30T10:00:00-05:00"


def _run_workers(names: list[str]) -> None:
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "worker", "--once", "--name", name, "--jobs-at", MORNING],
            cwd=ROOT,
            env=_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for name in names
    ]
    for worker in workers:
        output, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0, output.decode()


def test_two_workers_send_a_reminder_once(platform, personas):
    with time_machine.travel(timezone.now() - timedelta(days=400), tick=False):
        designation(personas)
    _run_workers(["w1", "w2"])
    _run_workers(["w1", "w2"])  # a second pass sends what the first pass wrote late

    runs = JobRun.objects.filter(job="pivot_reminders")
    assert runs.count() == 1
    assert runs.get().output == "pivot_reminders: 1 reminded, 0 escalated"
    reminders = OutboxMessage.objects.filter(to=[personas.representative.email])
    assert reminders.count() == 1
    sent = OutboxMessage.objects.filter(status=OutboxStatus.SENT)
    assert sent.count() == OutboxMessage.objects.count()
    received = [message["Message-ID"] for message in platform.messages]
    assert sorted(received) == sorted(sent.values_list("message_id", flat=True))
    assert reminders.get().message_id in received
    # every job slot ran once, by one worker or the other
    assert JobRun.objects.values("job", "slot").distinct().count() == JobRun.objects.count()


def test_two_simultaneous_edits_through_two_servers_lose_nothing(platform, personas):
    coordinator = personas.coordinator
    item = post(coordinator)
    browser = Client()
    browser.force_login(coordinator, backend="allauth.account.auth_backends.AuthenticationBackend")
    session = {settings.SESSION_COOKIE_NAME: browser.cookies[settings.SESSION_COOKIE_NAME].value}
    path = f"/veille/{item.pk}/modifier/"

    forms = []
    for port in APP_PORTS:
        status, text, cookies = _request(port, "GET", path, session)
        assert status == 200, text[:300]
        forms.append((port, {**session, **cookies}, TOKEN.search(text)[1], VERSION.search(text)[1]))
    assert [version for *_rest, version in forms] == ["1", "1"]

    results: dict[int, int] = {}
    start = threading.Barrier(2)

    def submit(port: int, cookies: dict[str, str], token: str, version: str) -> None:
        data = {**item_data(title_fr=f"Titre par {port}"), "version": version,
                "csrfmiddlewaretoken": token}  # fmt: skip
        start.wait()
        results[port] = _request(port, "POST", path, cookies, data)[0]

    threads = [threading.Thread(target=submit, args=form) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results.values()) == [302, 409]
    winner = next(port for port, status in results.items() if status == 302)
    item = WatchItem.objects.get(pk=item.pk)
    assert (item.title_fr, item.version) == (f"Titre par {winner}", 2)
