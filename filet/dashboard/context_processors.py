"""The navigation, built from the same permission functions as the views."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from filet.organisations import permissions


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
