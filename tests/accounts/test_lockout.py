"""django-axes locks an account, and an address, after 5 failed logins [6.3.1]."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings

from filet.audit.models import AuditEntry, Outcome
from tests.conftest import PASSWORD

LOGIN_URL = "/comptes/login/"
MFA_URL = "/comptes/2fa/authenticate/"
OTHER_ADDRESS = "203.0.113.7"


def attempt(client, email: str, password: str, address: str = "127.0.0.1"):
    return client.post(LOGIN_URL, {"login": email, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def client(client):
    # The lockout page is read in English, so that its wording is asserted exactly.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def locked(client, personas):
    """The representative's account after five wrong passwords from 127.0.0.1."""
    user = personas.representative
    statuses = [attempt(client, user.email, "not the password").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    return user


def assert_locked_out(response, client) -> None:
    assert response.status_code == 429
    assert "Try again in 30 minutes." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sixth_attempt_with_the_right_password_is_refused(client, locked):
    response = attempt(client, locked.email, PASSWORD)

    assert_locked_out(response, client)


def test_locked_account_refuses_the_right_password_from_another_address(client, locked):
    response = attempt(client, locked.email, PASSWORD, address=OTHER_ADDRESS)

    assert_locked_out(response, client)


def test_account_stays_locked_once_allauths_own_rate_limit_has_lapsed(client, locked):
    # allauth forgets failures after 5 minutes; the 30-minute account lock must not.
    with time_machine.travel(timedelta(minutes=6)):
        response = attempt(client, locked.email, PASSWORD, address=OTHER_ADDRESS)

    assert_locked_out(response, client)


def test_locked_address_refuses_other_accounts(client, locked, personas):
    response = attempt(client, personas.worker.email, PASSWORD)

    assert_locked_out(response, client)


def test_lock_does_not_touch_other_accounts_at_other_addresses(client, locked, personas):
    response = attempt(client, personas.worker.email, PASSWORD, address=OTHER_ADDRESS)

    assert (response.status_code, response["Location"]) == (302, MFA_URL)


def test_lockout_is_audited(locked):
    entries = AuditEntry.objects.filter(action="auth.locked_out")

    assert list(entries.values_list("actor_id", "outcome", "ip", "data")) == [
        (None, Outcome.DENIED, "127.0.0.1", {"login": locked.email})
    ]
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 5


def test_login_works_again_after_the_cool_off(client, locked):
    with time_machine.travel(timedelta(minutes=31)):
        response = attempt(client, locked.email, PASSWORD)

    assert (response.status_code, response["Location"]) == (302, MFA_URL)
