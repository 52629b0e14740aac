"""Pivot e-mails, each in its recipient's language. Sent inside the action's transaction:
the outbox backend stores them with it, and the worker delivers them."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from filet.accounts.models import User
from filet.pivots.models import Designation


def _send(user: User, subject: str, paragraphs: list[str], link: str) -> None:
    body = render_to_string(
        "pivots/email/message.txt",
        {"name": user.get_short_name(), "paragraphs": paragraphs, "link": link},
    )
    EmailMessage(subject, body, None, [user.email]).send()


def _lines(designations: list[Designation]) -> str:
    return "\n".join(
        f"- {d.pivot} ({d.get_level_display()}, {d.organisation.name})" for d in designations
    )


def confirm_reminder(users: list[User], designations: list[Designation], base_url: str) -> None:
    for user in users:
        with translation.override(user.language):
            paragraphs = [
                _("Once a year, please confirm that these pivots are still the right people:"),
                _lines(designations),
                _("Confirm each one on the pivots board, or withdraw the designation."),
            ]
            link = base_url.rstrip("/") + reverse("pivots:board")
            _send(user, _("[Filet] Confirm your pivot workers"), paragraphs, link)


def confirm_escalation(users: list[User], designations: list[Designation], base_url: str) -> None:
    for user in users:
        with translation.override(user.language):
            paragraphs = [
                _("These designations were not confirmed two weeks after the reminder:"),
                _lines(designations),
            ]
            link = base_url.rstrip("/") + reverse("pivots:board")
            _send(user, _("[Filet] Pivot designations not confirmed"), paragraphs, link)
