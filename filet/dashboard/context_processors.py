"""The navigation, built from the same permission functions as the views."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from filet.meetings import permissions as meetings_permissions
from filet.observatory import permissions as observatory_permissions
from filet.organisations import permissions
from filet.pivots import permissions as pivots_permissions
from filet.resources import permissions as resources_permissions
from filet.training import permissions as training_permissions
from filet.watch import permissions as watch_permissions


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"DEMO_MODE": settings.DEMO_MODE, "nav": []}
    if user is None or not user.is_authenticated:
        return context
    nav = [
        (reverse("dashboard:home"), _("Home")),
        (reverse("organisations:list"), _("Partners")),
        (reverse("directory:table"), _("The Table")),
        (reverse("matrix:matrix"), _("Matrix")),
    ]
    if meetings_permissions.may_see_meetings_entry(user):
        nav.append((reverse("meetings:list"), _("Meetings")))
        nav.append((reverse("plans:list"), _("Action plan")))
    if pivots_permissions.can_call(user):
        nav.append((reverse("pivots:who_to_call"), _("Who to call")))
    if pivots_permissions.can_see_board(user):
        nav.append((reverse("pivots:board"), _("Pivots")))
    if training_permissions.can_register(user):
        nav.append((reverse("training:modules"), _("Training")))
    if observatory_permissions.can_view_trends(user):
        nav.append((reverse("observatory:trends"), _("Observatory")))
    elif observatory_permissions.can_list_protocols(user):
        nav.append((reverse("observatory:protocols"), _("Research")))
    if watch_permissions.can_read(user):
        nav.append((reverse("watch:list"), _("Watch")))
    if resources_permissions.can_read(user):
        nav.append((reverse("resources:library"), _("Library")))
    if permissions.audit_organisations(user):
        nav.append((reverse("audit:log"), _("Audit log")))
    if user.is_staff:
        nav.append((reverse("admin:index"), _("Administration")))
    path = request.path
    context["nav"] = [
        {
            "url": url,
            "label": label,
            "current": url == path or (url != "/" and path.startswith(url)),
        }
        for url, label in nav
    ]
    return context
