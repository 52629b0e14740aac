"""The mail server is down: actions succeed, the outbox keeps the mail, the worker retries
and sends it once the server answers — never twice. A real SMTP listener on port 8105."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from filet.accounts.actions import invite
from filet.ops.models import OutboxMessage, OutboxStatus
from filet.organisations.models import Role
from tests.ops.smtp import SMTPServer

pytestmark = pytest.mark.django_db
PORT = 8105


@pytest.fixture
def smtp(worker_sends):
    worker_sends.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    worker_sends.EMAIL_HOST, worker_sends.EMAIL_PORT = "127.0.0.1", PORT
    worker_sends.EMAIL_USE_TLS, worker_sends.EMAIL_TIMEOUT = False, 2
    server = SMTPServer(PORT)
    yield server
    server.stop()


def _worker() -> str:
    out = StringIO()
    call_command("worker", "--once", "--no-jobs", "--name", "test", stdout=out)
    return out.getvalue().strip()


def _invite(personas, email: str) -> None:
    invite(
        by=personas.representative,
        organisation=personas.org_a,
        email=email,
        full_name="New Person",
        role=Role.WORKER,
        language="fr",
        base_url="http://x",
    )


def test_mail_waits_for_the_server_and_goes_out_once(smtp, personas):
    _invite(personas, "new@test.example")  # the server is closed: the action still succeeds
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        assert _worker() == "worker: 0 sent, 1 failed attempts, 0 jobs run"
    row = OutboxMessage.objects.get()
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert "Connection refused" in row.last_error or "Errno" in row.last_error

    smtp.start()
    with time_machine.travel(start + timedelta(seconds=20), tick=True):
        assert _worker() == ""  # backing off: not due yet, even though the server is back
    assert smtp.messages == []
    with time_machine.travel(start + timedelta(seconds=31), tick=True):
        assert _worker() == "worker: 1 sent, 0 failed attempts, 0 jobs run"
        assert _worker() == ""
    [received] = smtp.messages
    assert received["To"] == "new@test.example"
    assert received["Message-ID"] == row.message_id
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)


def test_a_server_that_goes_down_between_messages(smtp, personas):
    smtp.start()
    _invite(personas, "first@test.example")
    assert _worker() == "worker: 1 sent, 0 failed attempts, 0 jobs run"
    smtp.stop()
    _invite(personas, "second@test.example")
    assert _worker() == "worker: 0 sent, 1 failed attempts, 0 jobs run"
    smtp.start()
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        assert _worker() == "worker: 1 sent, 0 failed attempts, 0 jobs run"
    assert [m["To"] for m in smtp.messages] == ["first@test.example", "second@test.example"]
