"""Error pages are Filet's own, generic and translated; CSRF refusals change nothing [16.5]."""

import pytest
from django.conf import settings
from django.test import Client

from filet.accounts.models import Invitation
from filet.audit.models import AuditEntry, Outcome
from filet.organisations.models import Role
from tests.conftest import login
from tests.security.urls_boom import SECRET_DETAIL

ENGLISH_404 = ["Page not found", "This page does not exist or is not available to you."]


def in_english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- 404 ------------------------------------------------------------------------------------


def test_unknown_url_renders_filets_404_in_english(client, personas):
    login(in_english(client), personas.worker)

    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    body = response.content.decode()
    assert '<html lang="en">' in body
    for text in ENGLISH_404:
        assert text in body


def test_unknown_url_renders_filets_404_in_french_by_default(client, personas):
    login(client, personas.worker)

    response = client.get("/nulle-part/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    body = response.content.decode()
    assert '<html lang="fr-CA">' in body
    # French text, not the English msgids: every sentence of the page is translated.
    for text in ENGLISH_404:
        assert text not in body


# --- 403 ------------------------------------------------------------------------------------


def test_forbidden_action_renders_filets_403_and_is_audited(client, personas):
    login(in_english(client), personas.worker, reauthenticated=True)

    response = client.post(
        f"/partenaires/{personas.org_a.pk}/invitations/",
        {"full_name": "Nadia Roy", "email": "nadia.roy@test.example", "role": Role.WORKER},
    )

    assert response.status_code == 403
    assert "You may not do this" in response.content.decode()
    denied = AuditEntry.objects.filter(action="access.denied")
    assert list(denied.values_list("actor_id", "outcome", "data")) == [
        (
            personas.worker.pk,
            Outcome.DENIED,
            {"path": f"/partenaires/{personas.org_a.pk}/invitations/"},
        )
    ]
    assert Invitation.objects.count() == 0


# --- CSRF -----------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(personas) -> Client:
    return login(Client(enforce_csrf_checks=True), personas.representative, reauthenticated=True)


def test_post_without_csrf_token_cannot_change_the_language(csrf_client, personas):
    response = csrf_client.post("/langue/", {"language": "en"})

    assert response.status_code == 403
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    personas.representative.refresh_from_db()
    assert personas.representative.language == "fr-ca"
    assert not AuditEntry.objects.filter(action="user.language_changed").exists()


def test_post_without_csrf_token_cannot_change_preferences(csrf_client, personas):
    response = csrf_client.post(
        "/compte/preferences/", {"full_name": "Someone Else", "language": "en"}
    )

    assert response.status_code == 403
    personas.representative.refresh_from_db()
    assert (personas.representative.full_name, personas.representative.language) == (
        "Representative",
        "fr-ca",
    )


def test_post_without_csrf_token_cannot_invite(csrf_client, personas):
    response = csrf_client.post(
        f"/partenaires/{personas.org_a.pk}/invitations/",
        {"full_name": "Nadia Roy", "email": "nadia.roy@test.example", "role": Role.WORKER},
    )

    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_post_without_csrf_token_cannot_log_out(csrf_client, personas):
    response = csrf_client.post("/comptes/logout/")

    assert response.status_code == 403
    assert csrf_client.get("/").status_code == 200


def test_login_without_csrf_token_is_refused(personas):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/comptes/login/", {"login": personas.worker.email, "password": "whatever it is"}
    )

    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="auth.login_failed").exists()


# --- 500 ------------------------------------------------------------------------------------


@pytest.mark.urls("tests.security.urls_boom")
def test_exception_gives_the_generic_500_page_without_details(client, personas):
    login(client, personas.worker)
    client.raise_request_exception = False

    response = client.get("/boum/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Une erreur est survenue" in body
    assert "Something went wrong" in body
    for leak in ("Traceback", "RuntimeError", SECRET_DETAIL, "urls_boom", settings.SECRET_KEY):
        assert leak not in body
