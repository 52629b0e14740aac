"""The watch panel of the home page: the latest bulletin, marked when the person has not
opened it, and the three newest items. Three queries."""

from typing import Any

from filet.accounts.models import User
from filet.watch import permissions
from filet.watch.models import Bulletin, BulletinRead, WatchItem


def panel_for(user: User) -> dict[str, Any] | None:
    if not permissions.can_read(user):
        return None
    bulletin = Bulletin.objects.order_by("-month").first()
    unread = (
        bulletin is not None
        and not BulletinRead.objects.filter(bulletin=bulletin, person=user).exists()
    )
    latest = list(WatchItem.objects.order_by("-published_on", "-pk")[:3])
    return {"bulletin": bulletin, "unread": unread, "latest": latest}
