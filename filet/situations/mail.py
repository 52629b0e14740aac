"""Safety-net e-mails, each in its recipient's language. A link and what is late, never
the situation's content. Sent inside the action's transaction (the outbox keeps them)."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from filet.accounts.models import User
from filet.situations.models import Participant, ReminderKind


def _send(user: User, subject: str, paragraphs: list[str], path: str) -> None:
    body = render_to_string(
        "situations/email/message.txt",
        {"name": user.get_short_name(), "paragraphs": paragraphs, "link": settings.SITE_URL + path},
    )
    EmailMessage(subject, body, None, [user.email]).send()


def invited(participant: Participant) -> None:
    user = participant.person
    with translation.override(user.language):
        paragraphs = [
            _("You are invited to take part in concerted situation %(code)s.")
            % {"code": participant.situation.code},
            _("Open the link to accept or decline the invitation."),
        ]
        subject = _("[Filet] Invitation to a concerted situation")
        _send(user, subject, paragraphs, participant.situation.get_absolute_url())


def reminder(user: User, items: list[tuple[str, str, date]], *, escalated: bool) -> None:
    """`items`: (code, reminder kind, date passed) — codes and dates, never content."""
    with translation.override(user.language):
        if escalated:
            subject = _("[Filet] Safety net: follow-up overdue")
            intro = _("These follow-ups of the safety net are still overdue:")
        else:
            subject = _("[Filet] Safety net: follow-up due")
            intro = _("These follow-ups of the safety net are due:")
        lines = [
            _("%(code)s: %(what)s (date passed: %(date)s)")
            % {"code": code, "what": ReminderKind(kind).label, "date": formats.date_format(due)}
            for code, kind, due in items
        ]
        _send(user, subject, [intro, "\n".join(lines)], reverse("situations:watch"))
