"""send_training_reminders: those not current are reminded in their language, never twice
within the interval; registered people are reminded once of an upcoming session."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.organisations.roles import Role
from filet.training import actions
from filet.training.models import Module
from tests.conftest import login, make_person
from tests.training import factories

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 2, 2, 13, 0, tzinfo=datetime.UTC)


@pytest.fixture
def lacking(personas):
    with time_machine.travel(START, tick=False):
        item = factories.module(personas.coordinator, "Rôle du pivot")
        actions.require_module(item, role=Role.PIVOT, by=personas.coordinator)
        make_person("english-pivot@test.example", personas.org_b, Role.PIVOT, language="en")
    return personas


def _run() -> str:
    out = io.StringIO()
    call_command("send_training_reminders", stdout=out)
    return out.getvalue().strip()


def test_reminders_are_idempotent_within_the_interval(lacking, django_capture_on_commit_callbacks):
    with time_machine.travel(START, tick=False):
        with django_capture_on_commit_callbacks(execute=True):  # noqa: SIM117 — asserts below
            first = _run()
        assert first == (
            "send_training_reminders: 2 coverage reminders sent, 0 skipped "
            "(reminded within 14 days), 0 session reminders sent"
        )
        assert sorted(m.to[0] for m in mail.outbox) == [
            "english-pivot@test.example",
            "pivot@test.example",
        ]
        english = next(m for m in mail.outbox if m.to == ["english-pivot@test.example"])
        assert english.subject == "[Filet] Training your role requires"
        assert "- Rôle du pivot (EN)" in english.body
    later = START + datetime.timedelta(days=13)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        second = _run()
    assert second.startswith("send_training_reminders: 0 coverage reminders sent, 2 skipped")
    assert len(mail.outbox) == 2
    with time_machine.travel(START + datetime.timedelta(days=15), tick=False):
        assert _run().startswith("send_training_reminders: 2 coverage reminders sent, 0 skipped")


def test_a_current_person_is_not_reminded(lacking):
    factories.complete(lacking.pivot, Module.objects.get().versions.get(), lacking.coordinator)
    with time_machine.travel(START, tick=False):
        assert _run().startswith("send_training_reminders: 1 coverage reminders sent")


def test_session_reminders_are_sent_once(personas):
    with time_machine.travel(START, tick=False):
        item = factories.module(personas.coordinator)
        session = factories.session(
            item.versions.get(),
            personas.coordinator,
            starts_at=START + datetime.timedelta(hours=30),
            ends_at=START + datetime.timedelta(hours=33),
        )
        actions.register(session, user=personas.worker, base_url=factories.BASE_URL, notify=False)
        assert _run().endswith("1 session reminders sent")
        assert _run().endswith("0 session reminders sent")


def test_the_coordinators_button(client, lacking):
    login(client, lacking.coordinator)
    response = client.post(reverse("training:send_reminders"))
    assert response["Location"] == reverse("training:coverage")
    assert AuditEntry.objects.get(action="training.reminders_sent").data == {
        "sent": 2,
        "skipped": 0,
    }


def test_a_representative_may_not_press_it(client, lacking):
    login(client, lacking.representative)
    assert client.post(reverse("training:send_reminders")).status_code == 403
    assert AuditEntry.objects.filter(action="training.reminders_sent").count() == 0
