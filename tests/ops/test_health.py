"""The operator's health endpoint: public JSON, no secrets."""

from datetime import timedelta

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.utils import timezone

from filet.ops.models import Heartbeat

pytestmark = pytest.mark.django_db
URL = "/ops/sante/"


def test_health_reports_database_cache_outbox_and_worker(client, worker_sends):
    now = timezone.now()
    Heartbeat.objects.create(worker="w1", seen_at=now - timedelta(seconds=12))
    with time_machine.travel(now - timedelta(seconds=90), tick=False):
        EmailMessage("secret subject", "b", None, ["person@test.example"]).send()
    with time_machine.travel(now, tick=False):
        response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "outbox": {"backlog": 1, "oldest_due_seconds": 90, "failed": 0},
        "worker": {"last_heartbeat_seconds": 12},
        "jobs": {"failed_last_day": 0},
    }
    text = response.content.decode()
    assert "person@test.example" not in text and "secret subject" not in text


def test_health_without_a_worker_says_so(client):
    assert client.get(URL).json()["worker"] == {"last_heartbeat_seconds": None}


def test_health_is_public_and_read_only(client):
    assert client.post(URL).status_code == 405
