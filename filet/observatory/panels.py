"""The observatory's panel on the home page: a pivot records and sees their last
observations; the coordinator gets the categories emerging over the last three months."""

from typing import Any

from django.utils import timezone

from filet.accounts.models import User
from filet.observatory import permissions, stats
from filet.observatory.models import Observation
from filet.organisations.permissions import is_coordinator

HIGHLIGHT_MONTHS = 3


def panel_for(user: User) -> dict[str, Any] | None:
    if permissions.can_record(user):
        latest = list(
            Observation.objects.filter(author=user)
            .select_related("sector", "milieu")
            .order_by("-created_at")[:5]
        )
        return {"pivot": True, "latest": latest}
    if is_coordinator(user):
        end = timezone.localdate().replace(day=1)
        query = stats.Query(start=stats.add_months(end, 1 - HIGHLIGHT_MONTHS), end=end)
        trends = stats.build(query)
        return {"pivot": False, "emerging": trends.emerging, "timeline": trends.timeline}
    return None
