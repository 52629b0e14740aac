"""Who may do what with pivots. Pure functions used by views, templates and tests."""

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role

# Who to call is for anyone working in a partner; the administrator reads no content.
CALLER_ROLES = tuple(role for role in Role if role != Role.ADMINISTRATOR)


def can_call(user: User) -> bool:
    """Who to call and the mandate are open to everyone who works in a partner."""
    return user.is_authenticated and user.has_role(*CALLER_ROLES)


def can_designate(user: User, organisation_id: int) -> bool:
    """Coordinating the pivots is the organisation's member at the Table's job."""
    return user.has_role(Role.REPRESENTATIVE, organisation_id=organisation_id)


def board_organisation_ids(user: User) -> set[int] | None:
    """Organisations whose board the user sees; None means all (the coordinator)."""
    if is_coordinator(user):
        return None
    return user.organisation_ids(Role.REPRESENTATIVE)


def can_see_board(user: User) -> bool:
    ids = board_organisation_ids(user)
    return ids is None or bool(ids)


def can_see_designation(user: User, organisation_id: int) -> bool:
    return can_call(user)


def can_adopt_mandate(user: User) -> bool:
    return is_coordinator(user)


def is_pivot(user: User) -> bool:
    return user.has_role(Role.PIVOT)


def can_read_journal(user: User) -> bool:
    return user.has_role(Role.PIVOT, Role.REPRESENTATIVE)


def journal_organisation_ids(user: User) -> set[int]:
    """A pivot reads their own organisation's journal; so does its representative."""
    return user.organisation_ids(Role.PIVOT, Role.REPRESENTATIVE)


def can_see_report(user: User, organisation_id: int) -> bool:
    """The organisation's management report: its managers, its representative, the Table."""
    return is_coordinator(user) or user.has_role(
        Role.MANAGER, Role.REPRESENTATIVE, organisation_id=organisation_id
    )


def can_see_table_report(user: User) -> bool:
    return is_coordinator(user)
