"""Recording the Table's adoption: coordinator only, re-authentication first."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.matrix.models import MatrixVersion
from tests.conftest import login
from tests.matrix.conftest import put

pytestmark = pytest.mark.django_db
URL = "/matrice/versions/adopter/"
DATA = {"adopted_on": "2025-06-12", "note": "Résolution 2025-06-04"}


def test_the_url_is_french():
    assert reverse("matrix:adopt") == URL


def test_anonymous_is_sent_to_login(client, filled):
    response = client.post(URL, DATA)
    assert response["Location"].startswith(reverse("account_login"))
    assert MatrixVersion.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "status"),
    # The technical administrator reads no content: the matrix does not exist for them.
    [("representative", 403), ("pivot", 403), ("outsider", 403), ("administrator", 404)],
)
def test_only_the_coordinator_adopts(client, filled, name, status):
    login(client, filled.by_name(name), reauthenticated=True)
    assert client.post(URL, DATA).status_code == status
    assert MatrixVersion.objects.count() == 0
    assert not AuditEntry.objects.filter(action="matrix.adopted").exists()


def test_coordinator_must_reauthenticate_first(client, filled):
    login(client, filled.coordinator)
    response = client.post(URL, DATA)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert MatrixVersion.objects.count() == 0


@time_machine.travel(datetime.datetime(2025, 6, 13, 15, tzinfo=datetime.UTC))
def test_coordinator_adopts_the_draft(client, filled):
    login(client, filled.coordinator, reauthenticated=True)
    response = client.post(URL, DATA)
    version = MatrixVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "/matrice/versions/1/"
    assert (version.number, version.adopted_on, version.note, version.adopted_by) == (
        1,
        datetime.date(2025, 6, 12),
        "Résolution 2025-06-04",
        filled.coordinator,
    )
    assert len(version.snapshot["cells"]) == 3
    assert AuditEntry.objects.get(action="matrix.adopted").data["number"] == 1


@time_machine.travel(datetime.datetime(2025, 6, 13, 15, tzinfo=datetime.UTC))
def test_a_double_click_records_one_version(client, filled):
    login(client, filled.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    client.post(URL, DATA)
    response = client.post(URL, DATA)
    assert response.status_code == 400
    assert "The working draft has not changed since the last version." in response.content.decode()
    assert MatrixVersion.objects.count() == 1


@time_machine.travel(datetime.datetime(2025, 6, 13, 15, tzinfo=datetime.UTC))
def test_a_future_or_earlier_date_is_refused_and_kept(client, filled):
    login(client, filled.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    response = client.post(URL, {"adopted_on": "2025-07-01", "note": "Note gardée"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "The adoption date cannot be in the future." in body
    assert "Note gardée" in body
    client.post(URL, DATA)
    put(filled.org_a, "awareness", "lead", by=filled.coordinator)
    response = client.post(URL, {"adopted_on": "2025-06-01"})
    assert "Version 1 was adopted on 2025-06-12: this date cannot be earlier." in (
        response.content.decode()
    )
    assert MatrixVersion.objects.count() == 1


def test_the_adopt_page_lists_what_changes_since_the_last_version(client, filled):
    login(client, filled.coordinator, reauthenticated=True)
    client.cookies["django_language"] = "en"
    client.post(URL, {"adopted_on": datetime.date.today().isoformat()})
    put(filled.org_b, "awareness", "informed", by=filled.coordinator)
    body = client.get(URL).content.decode()
    assert "1 cell differs" in body
    assert "Organisation B" in body
    assert "Awareness" in body
