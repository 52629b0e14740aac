"""The calendar page: the address is shown once, replaced, revoked; audited."""

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.calendars.models import FeedToken
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, db):
    response = client.post(reverse("calendars:issue"))
    assert response["Location"].startswith(reverse("account_login"))
    assert FeedToken.objects.count() == 0


def test_the_address_is_shown_once(client, personas):
    login(client, personas.pivot)
    response = client.post(reverse("calendars:issue"))
    assert response.status_code == 200
    feed_url = response.context["feed_url"]
    assert feed_url.startswith("http://testserver/agenda/flux/")
    assert client.get(feed_url).status_code == 200
    page = client.get(reverse("calendars:subscription"))
    assert page.context["feed_url"] == ""
    assert feed_url not in page.content.decode()
    assert AuditEntry.objects.filter(action="calendar.token_issued").count() == 1


def test_replacing_and_revoking(client, personas):
    login(client, personas.pivot)
    first = client.post(reverse("calendars:issue")).context["feed_url"]
    second = client.post(reverse("calendars:issue")).context["feed_url"]
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    response = client.post(reverse("calendars:revoke"))
    assert response.status_code == 302
    assert client.get(second).status_code == 404
    assert FeedToken.objects.active().count() == 0
    assert AuditEntry.objects.filter(action="calendar.token_revoked").count() == 1


def test_a_person_only_revokes_their_own(client, personas):
    login(client, personas.worker)
    client.post(reverse("calendars:issue"))
    login(client, personas.outsider)
    client.post(reverse("calendars:revoke"))
    assert list(FeedToken.objects.active().values_list("user__email", flat=True)) == [
        "worker@test.example"
    ]
