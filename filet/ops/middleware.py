"""A database that is down, slow (statement timeout) or locked answers a clear, translated
503 instead of a 500. Views write inside transaction.atomic(), so the interrupted action has
been rolled back by the time this runs: nothing is half-written."""

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from filet.lib.errors import server_error as ordinary_server_error

logger = logging.getLogger("filet.ops")

UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    logger.warning("database unavailable: %s %s", type(error).__name__, request.path)
    # No request context: the context processors would query the unavailable database.
    response = HttpResponse(render_to_string("ops/unavailable.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UNAVAILABLE):
            return None
        return unavailable_response(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the database failing before the view (session, user, middleware) gets
    the same 503; everything else, the usual error page."""
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE):
        return unavailable_response(request, error)
    return ordinary_server_error(request)
