"""The calendar page (issue, show once, revoke) and the feed itself: the only public URL,
reached with the token alone."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from filet.calendars import actions
from filet.calendars.feeds import events_for
from filet.calendars.ics import calendar_for, ics_response
from filet.calendars.models import FeedToken
from filet.lib.http import AuthenticatedHttpRequest


def subscription(request: AuthenticatedHttpRequest) -> HttpResponse:
    active = FeedToken.objects.active().filter(user=request.user).first()
    return render(request, "calendars/subscription.html", {"active": active, "feed_url": ""})


@require_POST
def issue(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = actions.issue_token(user=request.user)
    feed_url = request.build_absolute_uri(reverse("calendars:feed", kwargs={"token": token}))
    active = FeedToken.objects.active().filter(user=request.user).first()
    # Rendered, not redirected: the address is shown this once and kept nowhere.
    context = {"active": active, "feed_url": feed_url}
    return render(request, "calendars/subscription.html", context)


@require_POST
def revoke(request: AuthenticatedHttpRequest) -> HttpResponse:
    actions.revoke_tokens(user=request.user)
    return redirect("calendars:subscription")


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """Calendar apps poll this without a session. A wrong or revoked token is a plain 404,
    neither audited nor logged: the path holds the secret, and must not land in any log."""
    feed_token = (
        FeedToken.objects.active().by_token(token).select_related("user").first()
        if len(token) <= 100
        else None
    )
    if feed_token is None or not feed_token.user.is_active:
        return _not_found(request)
    user = feed_token.user
    with translation.override(user.language):
        calendar = calendar_for(
            events_for(user, request.build_absolute_uri("/")),
            name=_("Filet — %(name)s") % {"name": user.full_name},
        )
    response = ics_response(calendar, filename="filet.ics", inline=True)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    response = render(request, "404.html", status=404)
    # Django's request logger writes the path of every 4xx; this one carries the token.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
