"""French (Québec) first; an explicit choice switches to English and is remembered."""

import pytest
from django.conf import settings

from filet.audit.models import AuditEntry
from tests.conftest import login

FRENCH_PAGE = '<html lang="fr-CA">'
ENGLISH_PAGE = '<html lang="en">'


def test_anonymous_visitor_gets_french_whatever_the_browser_asks(client, db):
    response = client.get("/comptes/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert FRENCH_PAGE in response.content.decode()
    assert response["Content-Language"] == "fr-ca"


def test_switching_to_english_sets_the_cookie(client, db):
    response = client.post("/langue/", {"language": "en", "next": "/comptes/login/"})

    assert (response.status_code, response["Location"]) == (302, "/comptes/login/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert ENGLISH_PAGE in client.get("/comptes/login/").content.decode()


def test_switching_back_to_french(client, db):
    client.post("/langue/", {"language": "en"})

    response = client.post("/langue/", {"language": "fr-ca"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr-ca"
    assert FRENCH_PAGE in client.get("/comptes/login/").content.decode()


def test_signed_in_choice_is_saved_and_audited(client, personas):
    user = personas.worker
    login(client, user)

    client.post("/langue/", {"language": "en", "next": "/"})

    user.refresh_from_db()
    assert user.language == "en"
    entries = AuditEntry.objects.filter(action="user.language_changed")
    assert list(entries.values_list("actor_id", "data", "ip")) == [
        (user.pk, {"language": "en"}, "127.0.0.1")
    ]


def test_saved_choice_follows_the_person_to_a_new_browser(client, personas):
    user = personas.worker
    user.language = "en"
    user.save(update_fields=["language"])
    login(client, user)

    assert ENGLISH_PAGE in client.get("/").content.decode()


def test_choosing_the_same_language_writes_nothing(client, personas):
    login(client, personas.worker)

    client.post("/langue/", {"language": "fr-ca"})

    assert not AuditEntry.objects.filter(action="user.language_changed").exists()


def test_unknown_language_changes_nothing(client, personas):
    user = personas.worker
    login(client, user)

    response = client.post("/langue/", {"language": "de", "next": "/"})

    assert (response.status_code, response["Location"]) == (302, "/")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    user.refresh_from_db()
    assert user.language == "fr-ca"
    assert not AuditEntry.objects.filter(action="user.language_changed").exists()


def test_language_switch_only_answers_post(client, db):
    response = client.get("/langue/?language=en")

    assert response.status_code == 405
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "https://evil.example/comptes/login/",
        "//evil.example/",
        "http://evil.example",
        "///evil.example",
        "/\\evil.example",
        "https:/evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_cannot_leave_the_site(client, db, next_url):
    response = client.post("/langue/", {"language": "en", "next": next_url})

    assert (response.status_code, response["Location"]) == (302, "/")


def test_next_may_stay_on_the_site(client, db):
    response = client.post("/langue/", {"language": "en", "next": "/partenaires/?page=2"})

    assert response["Location"] == "/partenaires/?page=2"
