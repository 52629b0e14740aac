"""Template tags of consultations, for pages outside the app (who to call)."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from filet.consultations import permissions
from filet.pivots.models import Designation

register = template.Library()


@register.simple_tag(takes_context=True)
def ask_link(context: template.Context, designation: Designation) -> SafeString | str:
    """ "Ask this pivot" under a hit of who to call, for those who may ask, never to oneself.

    Formatted here rather than by an inclusion template: who to call shows some thirty
    hits, and a template rendered per hit cost more than the rest of the hit."""
    request = context.get("request")
    user: Any = getattr(request, "user", None)
    if user is None or designation.pivot_id == user.pk or not permissions.can_ask(user):
        return ""
    return format_html(
        '<p class="pivot-ask no-print"><a class="button button-small" href="{}?designation={}">'
        "{}</a></p>",
        reverse("consultations:ask"),
        designation.pk,
        gettext("Ask this pivot"),
    )
