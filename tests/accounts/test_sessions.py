"""Session lifetime and termination [7.3, 7.4]: idle 30 min, absolute 12 h, logout,
deactivation, and password or authenticator changes ending the other sessions."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_removed

from filet.audit.models import AuditEntry
from filet.organisations.models import Role
from tests.accounts.test_mfa_enforcement import code_for_session_secret
from tests.conftest import PASSWORD, login, make_person

SIGNED_OUT = (302, "/comptes/login/?next=/")
NEW_PASSWORD = "une nouvelle phrase de passe solide"


@pytest.fixture
def clock():
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def outcome(response) -> tuple[int, str | None]:
    return response.status_code, response.get("Location")


def expired_entries(user) -> list[int]:
    return list(
        AuditEntry.objects.filter(action="auth.session_expired").values_list("actor_id", flat=True)
    )


# --- Idle and absolute limits -----------------------------------------------------------


def test_session_survives_29_idle_minutes(client, personas, clock):
    login(client, personas.worker)
    client.get("/")

    clock.shift(timedelta(minutes=29))

    assert client.get("/").status_code == 200


def test_session_ends_after_30_idle_minutes(client, personas, clock):
    user = personas.worker
    login(client, user)
    client.get("/")

    clock.shift(timedelta(minutes=31))
    response = client.get("/")

    assert outcome(response) == (302, reverse("account_login"))
    assert expired_entries(user) == [user.pk]
    assert outcome(client.get("/")) == SIGNED_OUT


def test_session_ends_after_12_hours_even_when_active(client, personas, clock):
    user = personas.worker
    login(client, user)

    statuses = []
    for _ in range(36):  # a request every 20 minutes for 12 hours
        clock.shift(timedelta(minutes=20))
        statuses.append(client.get("/").status_code)
    clock.shift(timedelta(minutes=20))
    response = client.get("/")

    assert statuses == [200] * 36
    assert outcome(response) == (302, reverse("account_login"))
    assert expired_entries(user) == [user.pk]
    assert outcome(client.get("/")) == SIGNED_OUT


# --- Ending sessions --------------------------------------------------------------------


def test_logout_ends_the_session_on_the_server(client, personas):
    login(client, personas.worker)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post(reverse("account_logout"))

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert outcome(replay.get("/")) == SIGNED_OUT
    assert not SessionStore().exists(old_key)


def test_deactivation_ends_the_session_on_the_next_request(client, personas):
    user = personas.worker
    login(client, user)

    user.is_active = False
    user.save(update_fields=["is_active"])

    assert outcome(client.get("/")) == SIGNED_OUT


def test_deactivated_session_does_not_come_back_with_reactivation(client, personas):
    user = personas.worker
    login(client, user)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    user.is_active = False
    user.save(update_fields=["is_active"])
    client.get("/")

    user.is_active = True
    user.save(update_fields=["is_active"])

    assert outcome(client.get("/")) == SIGNED_OUT
    assert not SessionStore().exists(old_key)


@pytest.fixture
def two_sessions(personas):
    """The worker signed in twice: `current` is where the change is made."""
    user = personas.worker
    return user, login(Client(), user, reauthenticated=True), login(Client(), user)


def test_password_change_ends_the_other_sessions_only(two_sessions):
    user, current, other = two_sessions

    response = current.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert outcome(response) == (302, reverse("account_change_password"))
    assert current.get("/").status_code == 200
    assert outcome(other.get("/")) == SIGNED_OUT


def test_removing_the_authenticator_ends_the_other_sessions_only(two_sessions):
    user, current, other = two_sessions

    response = current.post(reverse("mfa_deactivate_totp"))

    assert outcome(response) == (302, reverse("mfa_index"))
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    still_in = current.get(reverse("mfa_index"))
    assert (still_in.status_code, still_in.context["user"]) == (200, user)
    assert outcome(other.get("/")) == SIGNED_OUT


def test_authenticator_removed_signal_ends_the_other_sessions_only(two_sessions):
    user, current, other = two_sessions
    request = RequestFactory().post("/comptes/2fa/")
    request.user = user
    request.session = SessionStore(current.cookies[settings.SESSION_COOKIE_NAME].value)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)

    authenticator_removed.send(
        sender=Authenticator, request=request, user=user, authenticator=authenticator
    )
    # What the response would do: save the re-signed session and send its new cookie.
    request.session.save()
    current.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key

    assert current.get("/").status_code == 200
    assert outcome(other.get("/")) == SIGNED_OUT
    assert list(AuditEntry.objects.filter(action="mfa.removed").values_list("actor_id")) == [
        (user.pk,)
    ]


# allauth sends authenticator_added from on_commit: with real transactions it runs inside the
# request, as in production, rather than after the response as a wrapping test transaction would.
@pytest.mark.django_db(transaction=True)
def test_adding_an_authenticator_ends_the_other_sessions_only(personas):
    user = make_person("newcomer@test.example", personas.org_a, Role.WORKER, mfa=False)
    current, other = login(Client(), user, reauthenticated=True), login(Client(), user)
    current.get(reverse("mfa_activate_totp"))

    current.post(reverse("mfa_activate_totp"), {"code": code_for_session_secret(current)})

    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert current.get("/").status_code == 200
    assert outcome(other.get("/")) == SIGNED_OUT
