"""Logging in through allauth: a password, then a TOTP code [6.3.3, 6.3.8, 6.5.1, 7.2.4]."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore

from filet.audit.models import AuditEntry, Outcome
from tests.conftest import PASSWORD, totp_now

LOGIN_URL = "/comptes/login/"
MFA_URL = "/comptes/2fa/authenticate/"
CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def frozen():
    # One TOTP window for the whole test: the code computed here is the one the server expects.
    start = datetime(2026, 3, 2, 14, 0, 5, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def log_in(client, user, code: str | None = None):
    first = client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    assert (first.status_code, first["Location"]) == (302, MFA_URL)
    return client.post(MFA_URL, {"code": code or totp_now(user)})


def test_password_then_code_signs_in_and_lands_on_home(client, personas):
    user = personas.representative

    response = log_in(client, user)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get("/").status_code == 200


def test_login_writes_one_audit_entry_for_the_person(client, personas):
    user = personas.representative

    log_in(client, user)

    entries = AuditEntry.objects.filter(action="auth.login")
    assert list(entries.values_list("actor_id", "outcome", "ip")) == [
        (user.pk, Outcome.SUCCESS, "127.0.0.1")
    ]


def test_password_alone_does_not_sign_in(client, personas):
    user = personas.representative

    client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    response = client.get("/")

    assert signed_in_user_id(client) is None
    assert (response.status_code, response["Location"]) == (302, f"{LOGIN_URL}?next=/")
    assert not AuditEntry.objects.filter(action="auth.login").exists()


def test_session_id_changes_at_login(client, personas):
    user = personas.representative
    anonymous_key = client.session.session_key  # creates a pre-login session and its cookie
    client.post(LOGIN_URL, {"login": user.email, "password": PASSWORD})
    between_steps_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post(MFA_URL, {"code": totp_now(user)})

    signed_in_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert signed_in_key not in {anonymous_key, between_steps_key}
    assert signed_in_user_id(client) == str(user.pk)
    # The keys an attacker could have planted before login no longer exist on the server.
    assert not SessionStore().exists(between_steps_key)
    assert not SessionStore().exists(anonymous_key)


def _comparable(response, email: str) -> str:
    body = response.content.decode()
    return CSRF_VALUE.sub("csrf", body).replace(email, "EMAIL")


def test_wrong_password_and_unknown_email_get_the_same_answer(client, personas):
    known, unknown = personas.representative.email, "nobody@test.example"

    wrong_password = client.post(LOGIN_URL, {"login": known, "password": "not the password"})
    unknown_email = client.post(LOGIN_URL, {"login": unknown, "password": "not the password"})

    assert wrong_password.status_code == unknown_email.status_code == 200
    errors = wrong_password.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors == unknown_email.context["form"].non_field_errors()
    assert _comparable(wrong_password, known) == _comparable(unknown_email, unknown)
    assert signed_in_user_id(client) is None


def test_failed_logins_are_audited_for_known_and_unknown_emails(client, personas):
    known, unknown = personas.representative.email, "nobody@test.example"

    client.post(LOGIN_URL, {"login": known, "password": "not the password"})
    client.post(LOGIN_URL, {"login": unknown, "password": "not the password"})

    entries = AuditEntry.objects.filter(action="auth.login_failed").order_by("seq")
    assert list(entries.values_list("actor_id", "outcome", "ip", "data")) == [
        (None, Outcome.FAILURE, "127.0.0.1", {"login": known}),
        (None, Outcome.FAILURE, "127.0.0.1", {"login": unknown}),
    ]


def test_wrong_code_does_not_sign_in(client, personas):
    user = personas.representative
    wrong = f"{(int(totp_now(user)) + 1) % 1_000_000:06d}"

    response = log_in(client, user, code=wrong)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["code"]
    assert signed_in_user_id(client) is None


def test_a_code_works_only_once(client, personas, frozen):
    user = personas.representative
    code = totp_now(user)
    log_in(client, user, code)
    client.post("/comptes/logout/")

    replay = log_in(client, user, code)

    assert replay.status_code == 200
    assert list(replay.context["form"].errors) == ["code"]
    assert signed_in_user_id(client) is None
    assert AuditEntry.objects.filter(action="auth.login").count() == 1
    # The refusal was the replay, not a stale code: the next window's code is accepted.
    frozen.shift(timedelta(seconds=30))
    retry = client.post(MFA_URL, {"code": totp_now(user)})
    assert (retry.status_code, retry["Location"]) == (302, "/")


def test_failed_login_does_not_echo_the_password(client, personas):
    response = client.post(
        LOGIN_URL, {"login": personas.worker.email, "password": "secret sentence 42"}
    )

    assert "secret sentence 42" not in response.content.decode()
