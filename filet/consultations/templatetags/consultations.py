"""Template tags of consultations, for pages outside the app (who to call)."""

from typing import Any

from django import template

from filet.consultations import permissions
from filet.pivots.models import Designation

register = template.Library()


@register.inclusion_tag("consultations/includes/ask_link.html", takes_context=True)
def ask_link(context: dict[str, Any], designation: Designation) -> dict[str, Any]:
    """ "Ask this pivot" under a hit of who to call, for those who may ask, never to oneself."""
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = user is not None and permissions.can_ask(user) and designation.pivot_id != user.pk
    return {"shown": shown, "designation": designation}
