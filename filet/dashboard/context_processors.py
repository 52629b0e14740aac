"""The navigation, built from the same permission functions as the views."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.consultations import permissions as consultations
from filet.meetings import permissions as meetings
from filet.observatory import permissions as observatory
from filet.organisations import permissions as organisations
from filet.pivots import permissions as pivots
from filet.privacy.navigation import ENTRY as PRIVACY_ENTRY
from filet.resources import permissions as resources
from filet.situations import permissions as situations
from filet.training import permissions as training
from filet.watch import permissions as watch


def _research_only(user: User) -> bool:
    return not observatory.can_view_trends(user) and observatory.can_list_protocols(user)


# (URL name, label, who sees the entry): the same functions the views ask.
ENTRIES: list[tuple[str, Promise, Callable[[User], bool]]] = [
    ("dashboard:home", _("Home"), lambda user: True),
    ("organisations:list", _("Partners"), organisations.takes_part),
    ("directory:table", _("The Table"), organisations.takes_part),
    ("matrix:matrix", _("Matrix"), organisations.takes_part),
    ("meetings:list", _("Meetings"), meetings.may_see_meetings_entry),
    ("plans:list", _("Action plan"), meetings.may_see_meetings_entry),
    ("pivots:who_to_call", _("Who to call"), pivots.can_call),
    ("consultations:inbox", consultations.NAV_LABEL, consultations.can_use_inbox),
    ("pivots:board", _("Pivots"), pivots.can_see_board),
    ("situations:list", situations.NAV_LABEL, situations.sees_nav_entry),
    ("training:modules", _("Training"), training.can_register),
    ("observatory:trends", _("Observatory"), observatory.can_view_trends),
    ("observatory:protocols", _("Research"), _research_only),
    ("watch:list", _("Watch"), watch.can_read),
    ("resources:library", _("Library"), resources.can_read),
    PRIVACY_ENTRY,
    ("audit:log", _("Audit log"), lambda user: bool(organisations.audit_organisations(user))),
    ("admin:index", _("Administration"), lambda user: user.is_staff),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"DEMO_MODE": settings.DEMO_MODE, "nav": []}
    if user is None or not user.is_authenticated:
        return context
    path = request.path
    for name, label, shown in ENTRIES:
        if shown(user):
            url = reverse(name)
            current = url == path or (url != "/" and path.startswith(url))
            context["nav"].append({"url": url, "label": label, "current": current})
    return context
