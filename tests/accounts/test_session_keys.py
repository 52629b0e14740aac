"""A forged session cookie is no session at all: never a server error, whatever it holds."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db

FORGED = ["a\x00" * 16, "../../etc/passwd", "x" * 40, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", ""]


@pytest.mark.parametrize("key", FORGED)
def test_a_forged_session_cookie_gets_the_login_page(client, key):
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    response = client.get(reverse("account_login"))
    assert response.status_code == 200


@pytest.mark.parametrize("key", FORGED)
def test_a_forged_session_cookie_on_a_signed_in_page_asks_to_sign_in(client, key):
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_real_session_still_works(client, personas):
    login(client, personas.worker)
    assert client.get(reverse("dashboard:home")).status_code == 200
