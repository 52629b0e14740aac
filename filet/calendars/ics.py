"""iCalendar (RFC 5545) building blocks shared by every feature that has dates: training
sessions, meetings. A feature turns its rows into `event_for(...)` and hands the list to
`calendar_for(events)`; the result is served as `text/calendar` (see `ics_response`).

Times are written in America/Toronto with a VTIMEZONE, so calendar apps show the Table's
local time whatever the reader's zone. A cancelled occurrence keeps its UID, gets
STATUS:CANCELLED and a higher SEQUENCE, which is how a METHOD:PUBLISH feed tells a
subscribed app to strike it out.

A meeting's `.ics` download, for instance, is three lines in its view:

    from filet.calendars.feeds import meeting_event
    calendar = calendar_for([meeting_event(meeting, request.build_absolute_uri("/"))])
    return ics_response(calendar, filename=f"reunion-{meeting.pk}.ics")
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

TZID = "America/Toronto"
ZONE = ZoneInfo(TZID)
PRODID = "-//Filet//Table regionale//FR"
UID_DOMAIN = "filet"


def _toronto() -> Timezone:
    """Eastern time with its current rules (since 2007), short enough for every client."""
    zone = Timezone()
    zone.add("tzid", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=-5))
    daylight.add("tzoffsetto", datetime.timedelta(hours=-4))
    daylight.add("tzname", "EDT")
    daylight.add("dtstart", datetime.datetime(1970, 3, 8, 2, 0))  # noqa: DTZ001 — local time
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "2SU"})
    standard = TimezoneStandard()
    standard.add("tzoffsetfrom", datetime.timedelta(hours=-4))
    standard.add("tzoffsetto", datetime.timedelta(hours=-5))
    standard.add("tzname", "EST")
    standard.add("dtstart", datetime.datetime(1970, 11, 1, 2, 0))  # noqa: DTZ001 — local time
    standard.add("rrule", {"freq": "yearly", "bymonth": 11, "byday": "1SU"})
    zone.add_component(daylight)
    zone.add_component(standard)
    return zone


def event_for(
    *,
    uid: str,
    summary: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    url: str,
    sequence: int = 0,
    cancelled: bool = False,
    location: str = "",
    description: str = "",
    tentative: bool = False,
    dtstamp: datetime.datetime | None = None,
) -> Event:
    """One VEVENT. `uid` must be stable for the life of the occurrence (use a UUID field);
    `url` must be absolute (request.build_absolute_uri)."""
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    stamp = (dtstamp or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at.astimezone(ZONE).replace(microsecond=0))
    event.add("dtend", ends_at.astimezone(ZONE).replace(microsecond=0))
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("url", url)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    status = "CANCELLED" if cancelled else "TENTATIVE" if tentative else "CONFIRMED"
    event.add("status", status)
    return event


def calendar_for(events: Iterable[Event], *, name: str = "") -> Calendar:
    """A METHOD:PUBLISH calendar holding the events and the Toronto VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(_toronto())
    for event in events:
        calendar.add_component(event)
    return calendar


def ics_response(calendar: Calendar, *, filename: str = "", inline: bool = False) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        disposition = "inline" if inline else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
