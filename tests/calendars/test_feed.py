"""The private feed, parsed back with icalendar: UID, DTSTAMP, SEQUENCE, STATUS, TZID, URL;
revoked or wrong tokens answer 404; meetings come from filet.meetings.calendar."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from filet.audit.models import AuditEntry
from filet.calendars import actions as calendar_actions
from filet.calendars.models import FeedToken
from filet.training import actions
from tests.training import factories

pytestmark = pytest.mark.django_db
TORONTO = ZoneInfo("America/Toronto")
NOW = datetime.datetime(2026, 3, 2, 14, 0, tzinfo=datetime.UTC)


def _events(client, token):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("calendars:feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def registered(personas):
    with time_machine.travel(NOW, tick=False):
        item = factories.module(personas.coordinator, "Rôle du pivot")
        session = factories.session(
            item.versions.get(),
            personas.coordinator,
            trainers=[personas.worker],
            starts_at=datetime.datetime(2026, 3, 20, 9, 0, tzinfo=TORONTO),
            ends_at=datetime.datetime(2026, 3, 20, 12, 0, tzinfo=TORONTO),
        )
        actions.register(session, user=personas.pivot, base_url=factories.BASE_URL)
    return personas, session


def test_the_pivots_calendar_shows_the_session(client, registered):
    personas, session = registered
    token = calendar_actions.issue_token(user=personas.pivot)
    calendar, events = _events(client, token)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Toronto"]
    event = events[f"training-session-{session.uid}@filet"]
    assert event.decoded("DTSTAMP") == NOW
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART") == datetime.datetime(2026, 3, 20, 9, 0, tzinfo=TORONTO)
    assert event.decoded("DTEND").utcoffset() == datetime.timedelta(hours=-4)  # EDT on March 20
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (0, "CONFIRMED")
    assert str(event["SUMMARY"]) == "Formation : Rôle du pivot"  # the pivot reads French
    assert str(event["URL"]) == f"http://testserver/formation/seances/{session.pk}/"
    assert str(event["LOCATION"]) == "Salle 204"


def test_a_change_raises_sequence_and_a_cancellation_is_sent(client, registered):
    personas, session = registered
    token = calendar_actions.issue_token(user=personas.pivot)
    fields = {name: getattr(session, name) for name in actions.SESSION_FIELDS}
    fields["place"] = "Salle 310"
    actions.update_session(
        session, by=personas.coordinator, trainers=[], base_url=factories.BASE_URL, **fields
    )
    _calendar, events = _events(client, token)
    event = events[f"training-session-{session.uid}@filet"]
    assert (int(event["SEQUENCE"]), str(event["LOCATION"])) == (1, "Salle 310")
    actions.cancel_session(session, by=personas.coordinator, base_url=factories.BASE_URL)
    _calendar, events = _events(client, token)
    event = events[f"training-session-{session.uid}@filet"]
    assert (int(event["SEQUENCE"]), str(event["STATUS"])) == (2, "CANCELLED")


def test_a_cancelled_registration_is_sent_as_cancelled(client, registered):
    personas, session = registered
    token = calendar_actions.issue_token(user=personas.pivot)
    registration = session.registrations.get()
    actions.cancel_registration(registration, by=personas.pivot, base_url=factories.BASE_URL)
    _calendar, events = _events(client, token)
    assert str(events[f"training-session-{session.uid}@filet"]["STATUS"]) == "CANCELLED"


def test_the_trainer_sees_the_session_too(client, registered):
    personas, session = registered
    token = calendar_actions.issue_token(user=personas.worker)
    _calendar, events = _events(client, token)
    assert list(events) == [f"training-session-{session.uid}@filet"]


def test_meetings_come_from_the_meetings_app(client, registered):
    from filet.meetings import actions as meeting_actions

    personas, _session = registered
    meeting = meeting_actions.create_meeting(
        by=personas.coordinator,
        title="Rencontre de la Table",
        starts_at=datetime.datetime(2026, 4, 2, 9, 0, tzinfo=TORONTO),
        ends_at=datetime.datetime(2026, 4, 2, 11, 0, tzinfo=TORONTO),
        place="Hôtel de ville",
        organisations=[personas.org_a],
    )
    meeting_actions.cancel_meeting(meeting, by=personas.coordinator)
    token = calendar_actions.issue_token(user=personas.pivot)
    _calendar, events = _events(client, token)
    event = events[f"meeting-{meeting.uid}@filet"]
    assert (str(event["SUMMARY"]), int(event["SEQUENCE"]), str(event["STATUS"])) == (
        "Rencontre de la Table",
        1,
        "CANCELLED",
    )
    assert str(event["URL"]) == "http://testserver" + meeting.get_absolute_url()


def test_a_revoked_token_answers_404_and_a_new_one_works(client, registered):
    personas, _session = registered
    old = calendar_actions.issue_token(user=personas.pivot)
    new = calendar_actions.issue_token(user=personas.pivot)  # replaces the old one
    assert client.get(reverse("calendars:feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("calendars:feed", kwargs={"token": new})).status_code == 200
    calendar_actions.revoke_tokens(user=personas.pivot)
    assert client.get(reverse("calendars:feed", kwargs={"token": new})).status_code == 404


def test_a_wrong_token_is_404_and_not_logged(client, registered, caplog):
    before = AuditEntry.objects.count()
    response = client.get(reverse("calendars:feed", kwargs={"token": "not-a-token"}))
    assert response.status_code == 404
    assert AuditEntry.objects.count() == before
    assert "not-a-token" not in caplog.text


def test_only_a_digest_is_stored(registered):
    personas, _session = registered
    token = calendar_actions.issue_token(user=personas.pivot)
    stored = FeedToken.objects.get()
    assert token not in stored.digest and len(stored.digest) == 64
