from typing import Any

from django import template

from filet.training import permissions

register = template.Library()


@register.inclusion_tag("training/includes/nav.html", takes_context=True)
def training_nav(context: dict[str, Any], section: str) -> dict[str, Any]:
    """The training sub-navigation, with the entries the reader's roles allow."""
    user = context["request"].user
    return {
        "section": section,
        "can_review": permissions.can_view_coverage(user),
    }
