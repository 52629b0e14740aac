"""What goes into a person's calendar: the training sessions they registered for or give,
and the meetings they are invited to (filet.meetings.calendar.meetings_for)."""

import datetime
import importlib
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from filet.accounts.models import User
from filet.calendars.ics import event_for
from filet.training.models import Registration, RegistrationStatus, Session

# Past events stay this long, so that a calendar app keeps recent history.
HISTORY = datetime.timedelta(days=90)


def session_event(session: Session, base_url: str, *, status: str = "") -> Event:
    """A training session as a VEVENT; `status` "cancelled" or "waitlisted" for this reader."""
    module = session.version.module
    return event_for(
        uid=f"training-session-{session.uid}",
        summary=_("Training: %(module)s") % {"module": module.title},
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        url=base_url.rstrip("/") + session.get_absolute_url(),
        sequence=session.sequence,
        cancelled=session.is_cancelled or status == "cancelled",
        tentative=status == "waitlisted",
        location=session.place or session.video_link,
        description=module.description,
    )


def meeting_event(meeting: Any, base_url: str) -> Event:
    """A Table meeting as a VEVENT (the meetings app provides the fields)."""
    return event_for(
        uid=f"meeting-{meeting.uid}",
        summary=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        url=base_url.rstrip("/") + meeting.get_absolute_url(),
        sequence=meeting.sequence,
        cancelled=meeting.cancelled_at is not None,
        location=meeting.place or meeting.video_link,
    )


def _meetings_source() -> Callable[[User], Iterable[Any]] | None:
    try:
        module = importlib.import_module("filet.meetings.calendar")
    except ImportError:
        return None
    return getattr(module, "meetings_for", None)


def training_events(user: User, base_url: str) -> list[Event]:
    since = timezone.now() - HISTORY
    registrations = (
        Registration.objects.filter(user=user, session__ends_at__gte=since)
        .select_related("session__version__module")
        .order_by("session__starts_at", "-registered_at")
    )
    # A person who cancelled then registered again has two rows: the live one wins.
    statuses: dict[int, tuple[Session, str]] = {}
    for registration in registrations:
        held = statuses.get(registration.session_id)
        if held is None or held[1] == RegistrationStatus.CANCELLED:
            statuses[registration.session_id] = (registration.session, registration.status)
    given = Session.objects.filter(Q(trainers=user), ends_at__gte=since).select_related(
        "version__module"
    )
    for session in given:
        statuses[session.pk] = (session, RegistrationStatus.REGISTERED)
    ordered = sorted(statuses.values(), key=lambda pair: (pair[0].starts_at, pair[0].pk))
    return [session_event(session, base_url, status=status) for session, status in ordered]


def events_for(user: User, base_url: str) -> list[Event]:
    events = training_events(user, base_url)
    meetings_for = _meetings_source()
    if meetings_for is not None:
        since = timezone.now() - HISTORY
        events += [
            meeting_event(meeting, base_url)
            for meeting in meetings_for(user)
            if meeting.ends_at >= since
        ]
    return sorted(events, key=lambda event: event.decoded("dtstart"))
