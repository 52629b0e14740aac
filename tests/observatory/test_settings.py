"""The Table's k: the coordinator changes it, re-authenticated, audited, version-checked."""

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.observatory.models import ObservatorySettings
from tests.conftest import login

pytestmark = pytest.mark.django_db
URL = reverse("observatory:settings")


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["representative", "outsider", "researcher"])
def test_only_the_coordinator_changes_k(client, personas, name):
    login(client, personas.by_name(name), reauthenticated=True)
    assert client.post(URL, {"k": "3", "version": "1"}).status_code == 403
    assert ObservatorySettings.load().k == 5


def test_the_coordinator_raises_k(client, personas):
    login(client, personas.coordinator, reauthenticated=True)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"k": "8", "version": "1"})
    assert response.status_code == 302
    assert ObservatorySettings.load().k == 8
    entry = AuditEntry.objects.get(action="observatory.settings_changed")
    assert entry.data == {"k_before": 5, "k": 8}


@pytest.mark.parametrize("k", ["2", "51", "x"])
def test_k_out_of_range_is_refused(client, personas, k):
    login(client, personas.coordinator, reauthenticated=True)
    assert client.post(URL, {"k": k, "version": "1"}).status_code == 400
    assert ObservatorySettings.load().k == 5


def test_a_stale_form_is_refused(client, personas):
    login(client, personas.coordinator, reauthenticated=True)
    client.post(URL, {"k": "8", "version": "1"})
    assert client.post(URL, {"k": "6", "version": "1"}).status_code == 409
    assert ObservatorySettings.load().k == 8
