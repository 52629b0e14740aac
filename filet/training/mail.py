"""Training e-mails, each written in its recipient's language. Sent inside the action's
transaction: the outbox backend stores them with it, so nothing is sent for a change that was
rolled back."""

from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from filet.accounts.models import User
from filet.calendars.ics import calendar_for
from filet.training.models import Module, Registration, RegistrationStatus, Session


def _send(user: User, subject: str, paragraphs: list[str], link: str, ics: bytes = b"") -> None:
    body = render_to_string(
        "training/email/message.txt",
        {"name": user.get_short_name(), "paragraphs": paragraphs, "link": link},
    )
    message = EmailMessage(subject, body, None, [user.email])
    if ics:
        message.attach("session.ics", ics, "text/calendar; charset=utf-8")
    message.send()


def _when(session: Session) -> str:
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": formats.date_format(start, "DATE_FORMAT"),
        "start": formats.time_format(start, "TIME_FORMAT"),
        "end": formats.time_format(end, "TIME_FORMAT"),
    }


def _details(session: Session) -> str:
    where = session.place or session.video_link
    return _("“%(module)s”, %(when)s — %(where)s") % {
        "module": session.module.title,
        "when": _when(session),
        "where": where,
    }


def session_ics(session: Session, base_url: str, *, status: str = "") -> bytes:
    from filet.calendars.feeds import session_event

    return calendar_for([session_event(session, base_url, status=status)]).to_ical()


def registration_confirmed(registration: Registration, base_url: str) -> None:
    session, user = registration.session, registration.user
    with translation.override(user.language):
        link = base_url.rstrip("/") + session.get_absolute_url()
        if registration.status == RegistrationStatus.WAITLISTED:
            subject = _("[Filet] On the waiting list: %(module)s") % {
                "module": session.module.title
            }
            text = _("The session is full; you are on its waiting list for %(details)s.")
            _send(user, subject, [text % {"details": _details(session)}], link)
            return
        subject = _("[Filet] Registered: %(module)s") % {"module": session.module.title}
        text = _("You are registered for %(details)s. The attached file adds it to your calendar.")
        ics = session_ics(session, base_url)
        _send(user, subject, [text % {"details": _details(session)}], link, ics)


def promoted(registration: Registration, base_url: str) -> None:
    session, user = registration.session, registration.user
    with translation.override(user.language):
        subject = _("[Filet] A seat opened: %(module)s") % {"module": session.module.title}
        text = _("A seat opened and you are now registered for %(details)s.")
        link = base_url.rstrip("/") + session.get_absolute_url()
        _send(
            user,
            subject,
            [text % {"details": _details(session)}],
            link,
            session_ics(session, base_url),
        )


def session_changed(session: Session, users: Iterable[User], base_url: str) -> None:
    for user in users:
        with translation.override(user.language):
            if session.is_cancelled:
                subject = _("[Filet] Cancelled: %(module)s") % {"module": session.module.title}
                text = _("The session %(details)s is cancelled.")
            else:
                subject = _("[Filet] Changed: %(module)s") % {"module": session.module.title}
                text = _("The session is now %(details)s.")
            link = base_url.rstrip("/") + session.get_absolute_url()
            ics = session_ics(session, base_url, status="cancelled" if session.is_cancelled else "")
            _send(user, subject, [text % {"details": _details(session)}], link, ics)


def invitation(session: Session, user: User, base_url: str) -> None:
    with translation.override(user.language):
        subject = _("[Filet] Invitation: %(module)s") % {"module": session.module.title}
        paragraphs = [
            _(
                "Your role calls for the training module “%(module)s”, and your record "
                "is not current."
            )
            % {"module": session.module.title},
            _("A session is offered: %(when)s — %(where)s. Register on the session's page.")
            % {"when": _when(session), "where": session.place or session.video_link},
        ]
        _send(user, subject, paragraphs, base_url.rstrip("/") + session.get_absolute_url())


def session_reminder(registration: Registration, base_url: str) -> None:
    session, user = registration.session, registration.user
    with translation.override(user.language):
        subject = _("[Filet] Reminder: %(module)s") % {"module": session.module.title}
        text = _("A reminder: you are registered for %(details)s.")
        link = base_url.rstrip("/") + session.get_absolute_url()
        _send(user, subject, [text % {"details": _details(session)}], link)


def coverage_reminder(user: User, modules: list[Module], base_url: str) -> None:
    from django.urls import reverse

    with translation.override(user.language):
        subject = _("[Filet] Training your role requires")
        paragraphs = [
            _("Your role requires these training modules, and you are not current on them:"),
            "\n".join(f"- {module.title}" for module in modules),
            _("Register for a session, or declare a training you completed elsewhere."),
        ]
        _send(user, subject, paragraphs, base_url.rstrip("/") + reverse("training:sessions"))


def declaration_reviewed(
    registration_user: User, module: Module, approved: bool, link: str
) -> None:
    with translation.override(registration_user.language):
        if approved:
            subject = _("[Filet] Training recorded: %(module)s") % {"module": module.title}
            text = _("Your declaration for “%(module)s” was accepted.")
        else:
            subject = _("[Filet] Declaration not accepted: %(module)s") % {"module": module.title}
            text = _(
                "Your declaration for “%(module)s” was not accepted. Ask your representative why."
            )
        _send(registration_user, subject, [text % {"module": module.title}], link)
