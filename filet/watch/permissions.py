"""Who may do what with the watch and the bulletin. Pure functions.

Every member reads the watch and the bulletins (the technical administrator reads no
content); the coordinator and the pivots post items; an item is edited by its author or
the coordinator; the coordinator publishes and sends the bulletin."""

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role
from filet.watch.models import WatchItem

MEMBER_ROLES = tuple(role for role in Role if role != Role.ADMINISTRATOR)


def can_read(user: User) -> bool:
    return user.is_authenticated and user.has_role(*MEMBER_ROLES)


def can_post(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.COORDINATOR, Role.PIVOT)


def can_edit(user: User, item: WatchItem) -> bool:
    return is_coordinator(user) or (can_post(user) and item.author_id == user.pk)


def can_send_bulletin(user: User) -> bool:
    return is_coordinator(user)


def receives_bulletin_by_right(user: User) -> bool:
    """Pivots always receive the bulletin; others may subscribe."""
    return user.has_role(Role.PIVOT)
