"""Need-to-know for the safety net. Pure functions used by views, templates and tests.

A situation exists only for the people invited to it (until they decline or leave) and for
the representatives of the organisations taking part. The coordinator, managers and
researchers see counts, never a situation."""

from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role
from filet.situations.models import Participant, Situation

OPENER_ROLES = (Role.PIVOT, Role.WORKER)
NET_ROLES = (Role.PIVOT, Role.WORKER, Role.REPRESENTATIVE)
COUNTS_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.RESEARCHER)


def can_open(user: User) -> bool:
    """A worker or a pivot opens a situation."""
    return user.is_authenticated and user.has_role(*OPENER_ROLES)


def uses_net(user: User) -> bool:
    """Has a list of situations and a watch list (possibly empty)."""
    return user.is_authenticated and user.has_role(*NET_ROLES)


def can_see_counts(user: User) -> bool:
    return user.is_authenticated and user.has_role(*COUNTS_ROLES)


def counts_organisation_ids(user: User) -> set[int] | None:
    """Whose counts: None means every organisation (coordinator, researcher)."""
    if is_coordinator(user) or user.has_role(Role.RESEARCHER):
        return None
    return user.organisation_ids(Role.MANAGER)


def _rows(user: User, situation: Situation) -> list[Participant]:
    return [p for p in situation.participants.all() if p.person_id == user.pk]


def represents(user: User, situation: Situation) -> bool:
    ids = user.organisation_ids(Role.REPRESENTATIVE)
    return bool(ids & situation.accepted_organisation_ids())


def can_see(user: User, situation: Situation) -> bool:
    """Uses the situation's prefetched participants."""
    if not user.is_authenticated:
        return False
    seeing = any(p.status in Participant.SEEING for p in _rows(user, situation))
    return seeing or represents(user, situation)


def pending_invitation(user: User, situation: Situation) -> Participant | None:
    return next((p for p in _rows(user, situation) if p.status == Participant.Status.INVITED), None)


def takes_part(user: User, situation: Situation) -> bool:
    return any(p.status == Participant.Status.ACCEPTED for p in _rows(user, situation))


def can_act(user: User, situation: Situation) -> bool:
    """Participants and representatives of taking-part organisations change the situation;
    someone invited who has not answered yet only reads it."""
    return takes_part(user, situation) or represents(user, situation)


NAV_LABEL = _("Safety net")


def sees_nav_entry(user: User) -> bool:
    """The menu entry leads to the list (or, for those who see counts only, the counts)."""
    return uses_net(user) or can_see_counts(user)
