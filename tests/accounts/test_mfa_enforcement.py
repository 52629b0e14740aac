"""Two-step verification is mandatory: without an authenticator, only enrolment [6.3.3]."""

import time

import pytest
from django.urls import reverse

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value

from filet.organisations.models import Role
from tests.conftest import login, make_person

CONFINED_PAGES = [
    "/",
    "/partenaires/",
    "/compte/preferences/",
    "/journal/",
    "/comptes/password/change/",
    "/page-that-does-not-exist/",
]


@pytest.fixture
def newcomer(personas):
    """A representative who accepted the invitation but has no authenticator yet."""
    return make_person("newcomer@test.example", personas.org_a, Role.REPRESENTATIVE, mfa=False)


def code_for_session_secret(client) -> str:
    secret = client.session[SECRET_SESSION_KEY]
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("path", CONFINED_PAGES)
def test_person_without_authenticator_is_sent_to_enrolment(client, newcomer, path):
    login(client, newcomer)

    response = client.get(path)

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))


def test_members_page_is_confined_too(client, newcomer, personas):
    login(client, newcomer)

    response = client.get(f"/partenaires/{personas.org_a.pk}/personnes/")

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))


def test_enrolment_page_stays_reachable(client, newcomer):
    login(client, newcomer, reauthenticated=True)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert SECRET_SESSION_KEY in client.session


def test_two_step_overview_stays_reachable(client, newcomer):
    login(client, newcomer)

    assert client.get(reverse("mfa_index")).status_code == 200


def test_logout_stays_reachable(client, newcomer):
    login(client, newcomer)

    response = client.post(reverse("account_logout"))

    assert (response.status_code, response["Location"]) == (302, reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_language_switch_stays_reachable(client, newcomer):
    login(client, newcomer)

    response = client.post("/langue/", {"language": "en", "next": reverse("mfa_index")})

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_index"))
    newcomer.refresh_from_db()
    assert newcomer.language == "en"


def test_enrolling_lifts_the_confinement(client, newcomer):
    login(client, newcomer, reauthenticated=True)
    client.get(reverse("mfa_activate_totp"))

    client.post(reverse("mfa_activate_totp"), {"code": code_for_session_secret(client)})

    kinds = set(Authenticator.objects.filter(user=newcomer).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/").status_code == 200


def test_person_with_authenticator_reaches_home(client, personas):
    login(client, personas.worker)

    assert client.get("/").status_code == 200


def test_demo_account_is_exempt_in_demo_mode(client, personas, settings):
    settings.DEMO_MODE = True
    demo = make_person("demo@test.example", personas.org_a, Role.WORKER, mfa=False, is_demo=True)
    login(client, demo)

    assert client.get("/").status_code == 200


def test_real_account_is_not_exempt_in_demo_mode(client, newcomer, settings):
    settings.DEMO_MODE = True
    login(client, newcomer)

    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))


def test_demo_account_is_not_exempt_outside_demo_mode(client, personas, settings):
    settings.DEMO_MODE = False
    demo = make_person("demo@test.example", personas.org_a, Role.WORKER, mfa=False, is_demo=True)
    login(client, demo)

    response = client.get("/")

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))
