"""Denying access the same way everywhere: what a user may not see does not exist (404),
and every refusal is written to the audit log."""

from typing import NoReturn

from django.http import Http404, HttpRequest

from allauth.account.decorators import reauthentication_required

from filet.audit.actions import record
from filet.audit.models import Outcome


def not_found(request: HttpRequest, target_type: str, target_id: object) -> NoReturn:
    """Log the refusal, then answer exactly as for a record that does not exist."""
    record(
        request.user,
        "access.denied",
        request=request,
        outcome=Outcome.DENIED,
        target=None,
        path=request.path,
        kind=target_type,
        id=str(target_id),
    )
    raise Http404


def _proceed(request: HttpRequest) -> None:
    return None


_recent_authentication_check = reauthentication_required(_proceed)


def require_recent_authentication(request: HttpRequest) -> None:
    """Ask for the password or a code again unless given in the last 5 minutes.

    Called after the permission check, so that someone who may not act at all gets a 404
    or 403 rather than a password prompt. allauth's middleware turns the exception into
    its re-authentication page and replays the request afterwards.
    """
    _recent_authentication_check(request)
