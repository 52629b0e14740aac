"""The library panel of the home page: the newest resources the person may see. One query."""

from typing import Any

from filet.accounts.models import User
from filet.resources import permissions
from filet.resources.models import Resource


def panel_for(user: User) -> dict[str, Any] | None:
    if not permissions.can_read(user):
        return None
    return {"newest": list(Resource.objects.visible_to(user).order_by("-created_at", "-pk")[:4])}
