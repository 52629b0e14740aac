"""Notices of consultations: an in-app row and an e-mail in the recipient's language.

They say what happened and give a link, never the question, the answer or who is
concerned. The e-mail is sent inside the action's transaction: the outbox backend stores
it with the change, and a worker delivers it."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from filet.accounts.models import User
from filet.consultations.models import Consultation, Notification, NotificationKind


def _sentence(kind: str, reference: str) -> str:
    sentences = {
        NotificationKind.RECEIVED: _("Consultation %(reference)s was routed to you."),
        NotificationKind.ASKED_BACK: _(
            "The pivot asks for details about consultation %(reference)s."
        ),
        NotificationKind.REPLIED: _("The requester added details to consultation %(reference)s."),
        NotificationKind.ANSWERED: _("Your consultation %(reference)s was answered."),
        NotificationKind.OVERDUE: _("Consultation %(reference)s is overdue."),
        NotificationKind.ESCALATED: _("Consultation %(reference)s was escalated to you."),
        NotificationKind.MOVED: _("Consultation %(reference)s was routed to someone else."),
    }
    return sentences[NotificationKind(kind)] % {"reference": reference}


def _subject(kind: str) -> str:
    subjects = {
        NotificationKind.RECEIVED: _("[Filet] A consultation is waiting for you"),
        NotificationKind.ASKED_BACK: _("[Filet] A pivot asks for details"),
        NotificationKind.REPLIED: _("[Filet] Details were added to a consultation"),
        NotificationKind.ANSWERED: _("[Filet] Your consultation was answered"),
        NotificationKind.OVERDUE: _("[Filet] A consultation is overdue"),
        NotificationKind.ESCALATED: _("[Filet] A consultation was escalated to you"),
        NotificationKind.MOVED: _("[Filet] A consultation was routed elsewhere"),
    }
    return subjects[NotificationKind(kind)]


def notify(recipients: Iterable[User], consultation: Consultation, kind: str) -> None:
    """One in-app notice and one e-mail per person, each once even if listed twice."""
    link = settings.SITE_URL + consultation.get_absolute_url()
    people = {person.pk: person for person in recipients if person.is_active}
    Notification.objects.bulk_create(
        Notification(recipient=person, consultation=consultation, kind=kind)
        for person in people.values()
    )
    for person in people.values():
        with translation.override(person.language):
            body = render_to_string(
                "consultations/email/notice.txt",
                {
                    "name": person.get_short_name(),
                    "sentence": _sentence(kind, consultation.reference),
                    "link": link,
                },
            )
            EmailMessage(_subject(kind), body, None, [person.email]).send()
