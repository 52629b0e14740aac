"""The watch panel of the home page: the latest bulletin, marked when the person has not
opened it, and the three newest items. Two queries."""

from typing import Any

from django.db.models import Exists, OuterRef

from filet.accounts.models import User
from filet.watch import permissions
from filet.watch.models import Bulletin, BulletinRead, WatchItem


def panel_for(user: User) -> dict[str, Any] | None:
    if not permissions.can_read(user):
        return None
    read = BulletinRead.objects.filter(bulletin=OuterRef("pk"), person=user)
    bulletin = Bulletin.objects.annotate(read=Exists(read)).order_by("-month").first()
    unread = bulletin is not None and not bulletin.read
    latest = list(WatchItem.objects.order_by("-published_on", "-pk")[:3])
    return {"bulletin": bulletin, "unread": unread, "latest": latest}
