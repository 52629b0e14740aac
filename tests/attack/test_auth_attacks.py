"""Authentication attacks not covered in tests/accounts: enumeration through the work done,
password reset enumeration, a login code replayed to re-authenticate, secrets in logs."""

import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry
from tests.attack.pages import fill, post_forms
from tests.conftest import PASSWORD, totp_now

LOGIN_URL = reverse("account_login")
MFA_URL = reverse("mfa_authenticate")
CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def frozen():
    # One TOTP window at a time: the code computed here is the one the server expects.
    with time_machine.travel(datetime(2026, 3, 2, 14, 0, 5, tzinfo=UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def hashing(monkeypatch):
    """Counts the hash computations (the tests hash with MD5 for speed; its verify() computes
    the hash through encode(), as a set_password() for an unknown account does)."""
    calls: list[str] = []
    encode = MD5PasswordHasher.encode

    def counted_encode(self, password, salt):
        calls.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counted_encode)
    return calls


def _comparable(response, email: str) -> str:
    return CSRF_VALUE.sub("csrf", response.content.decode()).replace(email, "EMAIL")


def test_an_unknown_email_costs_the_same_hashing_as_a_wrong_password(personas, hashing):
    known, unknown = personas.worker.email, "nobody@test.example"

    Client().post(LOGIN_URL, {"login": known, "password": "not the password"})
    for_known = list(hashing)
    hashing.clear()
    Client().post(LOGIN_URL, {"login": unknown, "password": "not the password"})

    # The same one hashing operation: the answer's timing does not tell the two apart.
    assert len(for_known) == len(hashing) == 1


def test_password_reset_answers_alike_for_unknown_and_known_emails(personas):
    known, unknown = personas.worker.email, "nobody@test.example"
    url = reverse("account_reset_password")

    for_known, for_unknown = (
        Client().post(url, {"email": e}, follow=True) for e in (known, unknown)
    )

    assert for_known.redirect_chain == for_unknown.redirect_chain
    assert for_known.status_code == for_unknown.status_code == 200
    assert _comparable(for_known, known) == _comparable(for_unknown, unknown)
    # Only the known person receives a link.
    links = [m for m in mail.outbox if "/password/reset/key/" in m.body]
    assert [m.to for m in links] == [[known]]


def _log_in(client: Client, user, code: str):
    first = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert (first.status_code, first["Location"]) == (302, MFA_URL)
    return client.post(MFA_URL, {"code": code})


def test_a_login_code_cannot_be_replayed_to_reauthenticate(personas, frozen):
    user = personas.representative
    client = Client()
    code = totp_now(user)
    assert _log_in(client, user, code).status_code == 302

    replay = client.post(reverse("mfa_reauthenticate"), {"code": code})

    assert replay.status_code == 200
    assert "code" in replay.context["form"].errors
    frozen.shift(timedelta(seconds=30))
    fresh = client.post(reverse("mfa_reauthenticate"), {"code": totp_now(user)})
    assert fresh.status_code == 302


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.getMessage()} {record.args!r} {record.__dict__!r}")


@pytest.fixture
def every_log_line():
    """Every record any logger emits, at every level."""
    handler = Everything()
    loggers = [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    yield handler.lines
    logging.getLogger().removeHandler(handler)
    for logger, level in levels:
        logger.setLevel(level)


REFUSED = "Appeler Julie Tremblay au 514 555-0199, née le 2011-04-03"


def test_passwords_codes_and_refused_text_never_reach_a_log(personas, every_log_line):
    user = personas.coordinator
    client = Client()
    client.post(LOGIN_URL, {"login": user.email, "password": "a wrong pass phrase 77"})
    code = totp_now(user)
    assert _log_in(client, user, code).status_code == 302
    page = client.get(reverse("watch:create"))
    data = fill(post_forms(page.content.decode())[0], "Tendance observée", "https://example.org")
    data["summary_fr"] = REFUSED

    refused = client.post(reverse("watch:create"), data)

    assert refused.status_code == 400 and REFUSED in refused.content.decode()  # kept in the form
    assert every_log_line, "the flow logged nothing: the capture is broken"
    secrets = [PASSWORD, "a wrong pass phrase 77", code, REFUSED, "514 555-0199", "Tremblay"]
    logged = "\n".join(every_log_line)
    audited = repr(list(AuditEntry.objects.values_list("data", flat=True)))
    assert [s for s in secrets if s in logged] == []
    assert [s for s in secrets if s in audited] == []
