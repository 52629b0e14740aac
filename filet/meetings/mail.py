"""Meeting e-mails, each written in its recipient's language, with the meeting's `.ics`
attached. Sent inside the action's transaction: the outbox backend stores them with it, so
nothing is sent for a change that was rolled back."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from filet.accounts.models import User
from filet.calendars.feeds import meeting_event
from filet.calendars.ics import calendar_for
from filet.meetings.models import Meeting


def meeting_ics(meeting: Meeting, base_url: str) -> bytes:
    return calendar_for([meeting_event(meeting, base_url)]).to_ical()


def render_notice(meeting: Meeting, person: User, kind: str, base_url: str) -> tuple[str, str]:
    """The subject and body of a notice, in the active language."""
    context = {
        "meeting": meeting,
        "kind": kind,
        "name": person.get_short_name(),
        "link": base_url.rstrip("/") + meeting.get_absolute_url(),
    }
    subject = render_to_string("meetings/email/subject.txt", context)
    body = render_to_string("meetings/email/body.txt", context)
    return " ".join(subject.split()), body


def send_notice(meeting: Meeting, person: User, kind: str, base_url: str) -> None:
    with translation.override(person.language):
        subject, body = render_notice(meeting, person, kind, base_url)
    message = EmailMessage(subject, body, None, [person.email])
    message.attach(f"reunion-{meeting.pk}.ics", meeting_ics(meeting, base_url), "text/calendar")
    message.send()
