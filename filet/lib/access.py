"""Denying access the same way everywhere: what a user may not see does not exist (404),
and every refusal is written to the audit log."""

from typing import NoReturn

from django.http import Http404, HttpRequest

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
