"""Error pages: generic, translated, and refusals logged."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from filet.audit.actions import record
from filet.audit.models import Outcome


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        record(
            request.user,
            "access.denied",
            request=request,
            outcome=Outcome.DENIED,
            path=request.path,
        )
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever failed must not fail again while drawing the page.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
