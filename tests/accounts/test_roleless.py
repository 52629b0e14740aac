"""The technical administrator runs the platform and reads no content (DOMAIN.md §2)."""

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.organisations.models import Membership
from tests.conftest import login


@pytest.mark.parametrize(
    "url", ["/partenaires/", "/matrice/", "/repertoire/table/", "/formation/", "/taxonomie/"]
)
def test_administrator_gets_404_on_content_and_it_is_logged(client, personas, url):
    login(client, personas.administrator)
    assert client.get(url).status_code == 404
    denied = AuditEntry.objects.get(action="access.denied")
    assert (denied.actor, denied.data["kind"], denied.data["id"]) == (
        personas.administrator,
        "content",
        url,
    )


@pytest.mark.parametrize(
    "name", ["dashboard:home", "accounts:preferences", "mfa_index", "admin:index"]
)
def test_administrator_keeps_their_account_pages_and_the_admin(client, personas, name):
    login(client, personas.administrator)
    assert client.get(reverse(name)).status_code == 200


def test_a_person_whose_roles_all_ended_sees_no_content_on_next_request(client, personas):
    login(client, personas.worker)
    assert client.get("/partenaires/").status_code == 200
    Membership.objects.filter(user=personas.worker).update(ended_at="2026-01-01T00:00:00Z")
    assert client.get("/partenaires/").status_code == 404
    assert client.get("/").status_code == 200


def test_administrator_navigation_offers_no_content(client, personas):
    login(client, personas.administrator)
    labels = [str(item["label"]) for item in client.get("/").context["nav"]]
    assert labels == ["Accueil", "Administration"]


def test_the_administrator_is_not_offered_api_tokens(client, personas):
    login(client, personas.administrator)
    page = client.get(reverse("accounts:preferences")).content.decode()
    assert reverse("api:tokens") not in page
    login(client, personas.worker)
    assert reverse("api:tokens") in client.get(reverse("accounts:preferences")).content.decode()
