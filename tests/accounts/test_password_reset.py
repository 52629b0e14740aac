"""Password reset links: 15 minutes, single use, never a login by themselves [6.4.1]."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client

from filet.audit.models import AuditEntry
from tests.conftest import PASSWORD, login

LINK = re.compile(r"http://testserver(/comptes/password/reset/key/(\w+)-[\w-]+/)")
NEW_PASSWORD = "une nouvelle phrase de passe solide"
OTHER_PASSWORD = "encore une autre phrase de passe"


@pytest.fixture
def user(personas):
    return personas.representative


def request_link(client, user) -> str:
    """Ask for a reset and return the link's path, taken from the e-mail."""
    response = client.post("/comptes/password/reset/", {"email": user.email})
    assert (response.status_code, response["Location"]) == (302, "/comptes/password/reset/done/")
    assert [message.to for message in mail.outbox] == [[user.email]]
    found = LINK.search(mail.outbox[0].body)
    assert found is not None
    return found.group(1)


@pytest.fixture
def link(client, user) -> str:
    return request_link(client, user)


def set_password_url(link: str) -> str:
    uidb36 = LINK.search(f"http://testserver{link}").group(2)
    return f"/comptes/password/reset/key/{uidb36}-set-password/"


def use(client, link: str, password: str = NEW_PASSWORD):
    """Follow the link as a browser does: GET it, then POST the new password."""
    opened = client.get(link)
    if opened.status_code != 302:
        return opened
    assert opened["Location"] == set_password_url(link)
    return client.post(opened["Location"], {"password1": password, "password2": password})


def test_link_sets_the_new_password(client, user, link):
    response = use(client, link)

    assert (response.status_code, response["Location"]) == (
        302,
        "/comptes/password/reset/key/done/",
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    resets = AuditEntry.objects.filter(action="auth.password_reset")
    assert list(resets.values_list("actor_id", flat=True)) == [user.pk]


def test_reset_does_not_log_the_person_in(client, user, link):
    use(client, link)

    assert "_auth_user_id" not in client.session
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/comptes/login/?next=/")


def test_next_login_still_asks_for_the_code(client, user, link):
    use(client, link)

    response = client.post("/comptes/login/", {"login": user.email, "password": NEW_PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/comptes/2fa/authenticate/")
    assert "_auth_user_id" not in client.session


def test_link_works_only_once(client, user, link):
    use(client, link)

    second = use(Client(), link, password=OTHER_PASSWORD)

    assert second.status_code == 200
    assert second.context["token_fail"] is True
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_link_still_works_after_14_minutes(client, user, link):
    with time_machine.travel(timedelta(minutes=14)):
        response = use(client, link)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_link_is_refused_after_16_minutes(client, user, link):
    with time_machine.travel(timedelta(minutes=16)):
        opened = client.get(link)
        forced = client.post(
            set_password_url(link), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )

    assert (opened.status_code, opened.context["token_fail"]) == (200, True)
    assert (forced.status_code, forced.context["token_fail"]) == (200, True)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="auth.password_reset").exists()


def test_reset_ends_the_sessions_already_open(client, user):
    # Signing in changes last_login, which voids earlier links: ask for the link afterwards.
    elsewhere = login(Client(), user)
    link = request_link(client, user)

    use(client, link)

    response = elsewhere.get("/")
    assert (response.status_code, response["Location"]) == (302, "/comptes/login/?next=/")
