"""`{% organisation_pivots organisation %}`: the pivots in force on a partner's profile."""

from typing import Any

from django import template

from filet.organisations.models import Organisation
from filet.pivots.models import Designation

register = template.Library()


@register.inclusion_tag("pivots/includes/organisation_pivots.html", takes_context=True)
def organisation_pivots(context: dict[str, Any], organisation: Organisation) -> dict[str, Any]:
    designations = (
        Designation.objects.in_force()
        .filter(organisation=organisation)
        .select_related("pivot", "pivot__pivot_contact")
        .prefetch_related("stages", "territories")
        .order_by("-level", "pivot__full_name")
    )
    return {
        "designations": designations,
        "organisation": organisation,
        "request": context.get("request"),
    }
