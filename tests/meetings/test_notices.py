"""Invitations, updates, cancellations and reminders by e-mail, in each person's language,
with the meeting's `.ics` attached; each notice goes out once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from filet.audit.models import AuditEntry
from filet.meetings import actions
from filet.meetings.mail import render_notice
from filet.meetings.models import MeetingNotice, NoticeKind
from tests.conftest import login
from tests.meetings.builders import make_meeting

BASE = "http://testserver/"


@pytest.fixture(autouse=True)
def _pages_in_english(client):
    # The assertions read the coordinator's pages and messages in English; each e-mail is
    # still written in its recipient's own language.
    client.cookies["django_language"] = "en"


@pytest.fixture
def meeting(personas):
    """Organisation A is invited (its representative, French-speaking) and the researcher
    by name (English-speaking)."""
    personas.researcher.language = "en"
    personas.researcher.save(update_fields=["language"])
    meeting = make_meeting(personas)
    actions.invite(meeting, by=personas.coordinator, person=personas.researcher)
    return meeting


def _send(client, personas, meeting, capture):
    login(client, personas.coordinator)
    with capture(execute=True):
        return client.post(reverse("meetings:send_invitations", args=[meeting.pk]))


def _by_recipient() -> dict[str, mail.EmailMessage]:
    return {message.to[0]: message for message in mail.outbox}


def _event(message):
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    [event] = Calendar.from_ical(content).walk("VEVENT")
    return filename, event


def test_invitations_go_to_every_invitee_in_their_language(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    response = _send(client, personas, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    messages = _by_recipient()
    assert sorted(messages) == ["representative@test.example", "researcher@test.example"]
    english = messages["researcher@test.example"]
    assert english.subject == "[Filet] Invitation to the meeting: Rencontre"
    assert english.body.startswith("Hello Researcher,\n\nYou are invited to a meeting")
    assert english.body.endswith("— Filet · Meetings\n")
    french = messages["representative@test.example"]
    with translation.override("fr-ca"):
        expected = render_notice(meeting, personas.representative, NoticeKind.INVITATION, BASE)
    assert (french.subject, french.body) == expected
    assert french.body.startswith("Bonjour Representative,")
    assert french.body.endswith("— Filet · Rencontres\n")
    assert f"http://testserver/reunions/{meeting.pk}/" in french.body
    filename, event = _event(english)
    assert filename == f"reunion-{meeting.pk}.ics"
    assert (str(event["UID"]), event["SEQUENCE"]) == (f"meeting-{meeting.uid}@filet", 0)
    assert str(event["URL"]) == f"http://testserver/reunions/{meeting.pk}/"
    assert set(MeetingNotice.objects.values_list("person__email", "kind", "sequence")) == {
        ("representative@test.example", "invitation", 0),
        ("researcher@test.example", "invitation", 0),
    }
    entry = AuditEntry.objects.get(action="meeting.invitations_sent")
    assert (entry.actor, entry.data["count"]) == (personas.coordinator, 2)


def test_a_second_send_sends_nothing_new(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    _send(client, personas, meeting, django_capture_on_commit_callbacks)
    response = _send(client, personas, meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1:] == [
        "0 invitations are sent by e-mail."
    ]
    assert len(mail.outbox) == 2
    assert MeetingNotice.objects.count() == 2
    assert AuditEntry.objects.filter(action="meeting.invitations_sent").count() == 1


def test_a_later_invitee_alone_receives_the_next_send(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    _send(client, personas, meeting, django_capture_on_commit_callbacks)
    actions.invite(meeting, by=personas.coordinator, person=personas.pivot)
    _send(client, personas, meeting, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox[2:]] == [["pivot@test.example"]]


def test_a_date_change_is_sent_once_to_those_invited(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    _send(client, personas, meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    actions.invite(meeting, by=personas.coordinator, person=personas.pivot)  # not sent yet
    with django_capture_on_commit_callbacks(execute=True):
        moved = actions.update_meeting(
            meeting,
            by=personas.coordinator,
            version=1,
            base_url=BASE,
            starts_at=meeting.starts_at + timedelta(days=1),
            ends_at=meeting.ends_at + timedelta(days=1),
        )
        actions.update_meeting(
            moved, by=personas.coordinator, version=moved.version, starts_at=moved.starts_at
        )
    messages = _by_recipient()
    assert sorted(messages) == ["representative@test.example", "researcher@test.example"]
    assert len(mail.outbox) == 2
    assert messages["researcher@test.example"].subject == "[Filet] Meeting changed: Rencontre"
    _filename, event = _event(messages["researcher@test.example"])
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == moved.starts_at.replace(microsecond=0)
    assert MeetingNotice.objects.filter(kind=NoticeKind.UPDATE).count() == 2


def test_a_change_before_the_invitations_are_sent_sends_nothing(
    personas, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_meeting(meeting, by=personas.coordinator, version=1, place="Salle B")
        actions.cancel_meeting(meeting, by=personas.coordinator)
    assert mail.outbox == []
    assert MeetingNotice.objects.count() == 0


def test_a_cancellation_is_sent_once_as_cancelled(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    _send(client, personas, meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:cancel", args=[meeting.pk]))
        client.post(reverse("meetings:cancel", args=[meeting.pk]))
    messages = _by_recipient()
    assert len(mail.outbox) == 2
    assert messages["researcher@test.example"].subject == "[Filet] Meeting cancelled: Rencontre"
    _filename, event = _event(messages["researcher@test.example"])
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CANCELLED", 1)
    response = _send(client, personas, meeting, django_capture_on_commit_callbacks)
    assert [str(m) for m in get_messages(response.wsgi_request)][-1:] == [
        "A cancelled or past meeting sends no invitations."
    ]
    assert len(mail.outbox) == 2


START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_reminders_go_out_once_two_days_before(personas, django_capture_on_commit_callbacks):
    personas.researcher.language = "en"
    personas.researcher.save(update_fields=["language"])
    with time_machine.travel(START, tick=False):
        meeting = make_meeting(personas, starts_at=START + timedelta(days=7))
        actions.invite(meeting, by=personas.coordinator, person=personas.researcher)
        cancelled = make_meeting(personas, starts_at=START + timedelta(days=7, hours=1))
        actions.cancel_meeting(cancelled, by=personas.coordinator)
    with time_machine.travel(START + timedelta(days=4), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_meeting_reminders", stdout=(out := _Out()))
        assert out.text == "send_meeting_reminders: 0 reminders sent\n"
    with (
        time_machine.travel(START + timedelta(days=5, hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_meeting_reminders", stdout=(out := _Out()))
        call_command("send_meeting_reminders", stdout=(again := _Out()))
    assert out.text == "send_meeting_reminders: 2 reminders sent\n"
    assert again.text == "send_meeting_reminders: 0 reminders sent\n"
    messages = _by_recipient()
    assert sorted(messages) == ["representative@test.example", "researcher@test.example"]
    assert messages["researcher@test.example"].subject == "[Filet] Meeting reminder: Rencontre"
    assert MeetingNotice.objects.filter(kind=NoticeKind.REMINDER, meeting=meeting).count() == 2
    entry = AuditEntry.objects.get(action="meeting.reminders_sent")
    assert (entry.actor, entry.data["sent"]) == (None, 2)


def test_the_reminder_command_fails_loudly(monkeypatch):
    def broken(**kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(actions, "send_reminders", broken)
    with pytest.raises(CommandError, match="send_meeting_reminders: failed: smtp down"):
        call_command("send_meeting_reminders")


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_anonymous_is_sent_to_login(client, meeting):
    response = client.post(reverse("meetings:send_invitations", args=[meeting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert MeetingNotice.objects.count() == 0


def test_outsider_gets_404_and_nothing_is_sent(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    login(client, personas.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:send_invitations", args=[meeting.pk]))
    assert response.status_code == 404
    assert (mail.outbox, MeetingNotice.objects.count()) == ([], 0)


def test_a_person_who_is_not_the_coordinator_gets_403_and_nothing_is_sent(
    client, personas, meeting, django_capture_on_commit_callbacks
):
    login(client, personas.representative)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:send_invitations", args=[meeting.pk]))
    assert response.status_code == 403
    assert (mail.outbox, MeetingNotice.objects.count()) == ([], 0)


def test_the_coordinator_sees_the_button(client, personas, meeting):
    login(client, personas.coordinator)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:send_invitations", args=[meeting.pk]) in page
    assert ">Send the invitations</button>" in page
