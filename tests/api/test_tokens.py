"""Personal access tokens: created on the account page after re-authentication, shown
once, kept as a digest, revocable, bounded in time."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from filet.api import actions
from filet.api.models import ApiToken, token_digest
from filet.audit.models import AuditEntry
from tests.api.conftest import bearer, token_for
from tests.conftest import login

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Logiciel scolaire",
    "scopes": ["read"],
    "areas": ["directory"],
    "lifetime": "90",
}


def test_anonymous_is_sent_to_login(client: Client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_creating_asks_for_recent_authentication(client: Client, personas):
    login(client, personas.pivot)
    response = client.post(reverse("api:token_create"), FORM)
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    assert ApiToken.objects.count() == 0


def test_token_is_shown_once_and_kept_as_a_digest(client: Client, personas):
    login(client, personas.pivot, reauthenticated=True)
    response = client.post(reverse("api:token_create"), FORM)
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("filet_")
    token = ApiToken.objects.get()
    assert token.digest == token_digest(secret)
    assert token.prefix == secret[:14]
    assert token.scopes == ["read"]
    assert token.areas == ["directory"]
    assert token.user == personas.pivot
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    page = client.get(reverse("api:tokens")).content.decode()
    assert secret not in page
    assert token.prefix in page
    entry = AuditEntry.objects.get(action="api.token_created", actor=personas.pivot)
    assert (entry.data["scopes"], entry.data["areas"]) == (["read"], ["directory"])


def test_write_scope_brings_read(client: Client, personas):
    login(client, personas.pivot, reauthenticated=True)
    client.post(reverse("api:token_create"), {**FORM, "scopes": ["write"]})
    assert ApiToken.objects.get().scopes == ["read", "write"]


def test_a_token_holds_the_areas_ticked(client: Client, personas):
    login(client, personas.pivot, reauthenticated=True)
    client.post(reverse("api:token_create"), {**FORM, "areas": ["table", "matrix", "pivots"]})
    assert ApiToken.objects.get().areas == ["matrix", "pivots", "table"]


def test_no_area_is_refused_in_french_and_keeps_what_was_typed(client: Client, personas):
    login(client, personas.pivot, reauthenticated=True)
    response = client.post(
        reverse("api:token_create"), {**FORM, "scopes": ["write"], "areas": [], "lifetime": "30"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"areas": ["Choisissez au moins un domaine."]}
    assert "Choisissez au moins un domaine." in response.content.decode()
    assert form["name"].value() == "Logiciel scolaire"
    assert form["scopes"].value() == ["write"]
    assert form["lifetime"].value() == "30"
    assert ApiToken.objects.count() == 0


def test_no_area_is_refused_in_english_too(client: Client, personas):
    personas.pivot.language = "en"
    personas.pivot.save(update_fields=["language"])
    login(client, personas.pivot, reauthenticated=True)
    response = client.post(reverse("api:token_create"), {**FORM, "areas": []})
    assert response.status_code == 400
    assert "Choose at least one area." in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_an_unknown_area_is_refused(client: Client, personas):
    login(client, personas.pivot, reauthenticated=True)
    response = client.post(reverse("api:token_create"), {**FORM, "areas": ["everything"]})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["areas"]
    assert ApiToken.objects.count() == 0


def test_the_action_refuses_a_token_without_area(personas):
    with pytest.raises(ValueError, match="at least one area"):
        actions.create_token(
            by=personas.pivot,
            name="sans domaine",
            scopes=["read"],
            areas=[],
            expires_at=timezone.now() + timedelta(days=30),
        )
    assert ApiToken.objects.count() == 0


def test_the_form_offers_every_area_in_french_then_english(client: Client, personas):
    login(client, personas.pivot)
    page = client.get(reverse("api:tokens")).content.decode()
    for label in (
        "Répertoire : partenaires, services, HSDS",
        "Matrice des zones de contribution",
        "Intervenant·es pivots : désignations, qui appeler",
        "Filet de sécurité : situations, consultations",
        "Observatoire : observations, tendances",
        "Vie de la Table : ressources, rencontres, plan d&#x27;action, formation",
    ):
        assert label in page
    assert page.count('name="areas"') == 6
    personas.pivot.language = "en"
    personas.pivot.save(update_fields=["language"])
    english = client.get(reverse("api:tokens")).content.decode()
    assert "The Table&#x27;s life: resources, meetings, action plan, training" in english


def test_the_list_shows_each_tokens_areas(client: Client, personas):
    token_for(personas.pivot, areas=["observatory", "directory"])
    login(client, personas.pivot)
    response = client.get(reverse("api:tokens"))
    assert "<td>Répertoire, Observatoire</td>" in response.content.decode()


def test_lifetime_beyond_a_year_is_refused(client: Client, personas):
    login(client, personas.pivot, reauthenticated=True)
    response = client.post(reverse("api:token_create"), {**FORM, "lifetime": "400"})
    assert response.status_code == 400
    assert response.context["form"]["name"].value() == "Logiciel scolaire"
    assert ApiToken.objects.count() == 0


def test_the_administrator_has_no_tokens(client: Client, personas):
    login(client, personas.administrator, reauthenticated=True)
    assert client.get(reverse("api:tokens")).status_code == 404
    assert client.post(reverse("api:token_create"), FORM).status_code == 404
    assert ApiToken.objects.count() == 0


def test_revoked_token_stops_at_once(client: Client, personas):
    secret = token_for(personas.pivot)
    api = bearer(secret)
    assert api.get("/api/organisations/").status_code == 200
    login(client, personas.pivot)
    token = ApiToken.objects.get()
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/api/organisations/").status_code == 401
    assert AuditEntry.objects.filter(action="api.token_revoked").count() == 1


def test_someone_elses_token_cannot_be_revoked(client: Client, personas):
    token_for(personas.pivot)
    token = ApiToken.objects.get()
    login(client, personas.worker)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_is_refused(personas):
    api = bearer(token_for(personas.pivot, days=1))
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert api.get("/api/organisations/").status_code == 401


def test_deactivated_owner_token_is_refused(personas):
    api = bearer(token_for(personas.pivot))
    personas.pivot.is_active = False
    personas.pivot.save(update_fields=["is_active"])
    assert api.get("/api/organisations/").status_code == 401


def test_last_use_is_remembered(personas):
    api = bearer(token_for(personas.pivot))
    assert ApiToken.objects.get().last_used_at is None
    api.get("/api/organisations/")
    assert ApiToken.objects.get().last_used_at is not None
