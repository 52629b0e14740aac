"""A meeting's `.ics` download: what the meeting page shows, as a calendar file."""

from django.urls import reverse
from icalendar import Calendar

from filet.meetings import actions
from tests.conftest import login
from tests.meetings.builders import make_meeting


def _event(response):
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    return event


def test_anonymous_is_sent_to_login(client, personas):
    meeting = make_meeting(personas)
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_outsider_gets_404(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.outsider)
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_person_not_invited_and_not_seated_gets_404(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.researcher)
    assert client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_post_is_refused(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.pivot)
    assert client.post(reverse("meetings:ics", args=[meeting.pk])).status_code == 405


def test_seated_person_downloads_the_meeting(client, personas):
    meeting = make_meeting(personas)
    meeting = actions.update_meeting(meeting, by=personas.coordinator, version=1, place="Salle B")
    login(client, personas.pivot)
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="reunion-{meeting.pk}.ics"'
    event = _event(response)
    assert str(event["UID"]) == f"meeting-{meeting.uid}@filet"
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert str(event["URL"]) == f"http://testserver/reunions/{meeting.pk}/"
    assert str(event["LOCATION"]) == "Salle B"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_person_invited_by_name_downloads_it_and_a_cancellation_says_so(client, personas):
    meeting = make_meeting(personas)
    actions.invite(meeting, by=personas.coordinator, person=personas.researcher)
    actions.cancel_meeting(meeting, by=personas.coordinator)
    login(client, personas.researcher)
    response = client.get(reverse("meetings:ics", args=[meeting.pk]))
    assert response.status_code == 200
    event = _event(response)
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CANCELLED", 1)


def test_the_meeting_page_links_the_download(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.pivot)
    page = client.get(meeting.get_absolute_url()).content.decode()
    ics_url = reverse("meetings:ics", args=[meeting.pk])
    assert f'<a href="{ics_url}" download>Ajouter à mon calendrier (.ics)</a>' in page
    assert reverse("meetings:send_invitations", args=[meeting.pk]) not in page
