"""Who may use the privacy officer's tools. Pure functions: views, navigation and tests
call the same ones."""

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator, takes_part
from filet.organisations.roles import Role


def can_read_incidents(user: User, organisation_id: int) -> bool:
    """The organisation's privacy officer, and its representative (read only)."""
    return user.has_role(Role.PRIVACY_OFFICER, Role.REPRESENTATIVE, organisation_id=organisation_id)


def can_write_incidents(user: User, organisation_id: int) -> bool:
    return user.has_role(Role.PRIVACY_OFFICER, organisation_id=organisation_id)


def can_read_notices(user: User) -> bool:
    return takes_part(user)


def can_edit_notice(user: User, organisation_id: int | None) -> bool:
    """An organisation's privacy officer or representative; the coordinator for the Table."""
    if organisation_id is None:
        return is_coordinator(user)
    return user.has_role(Role.PRIVACY_OFFICER, Role.REPRESENTATIVE, organisation_id=organisation_id)


def can_set_retention(user: User) -> bool:
    return is_coordinator(user)


def can_see_retention_due(user: User, organisation_id: int) -> bool:
    return user.has_role(Role.PRIVACY_OFFICER, organisation_id=organisation_id)


def can_export_for_others(user: User, organisation_id: int) -> bool:
    """A privacy officer answers the access requests of their organisation's people."""
    return user.has_role(Role.PRIVACY_OFFICER, organisation_id=organisation_id)


def officer_organisation_ids(user: User) -> set[int]:
    return user.organisation_ids(Role.PRIVACY_OFFICER)


def incident_organisation_ids(user: User) -> set[int]:
    return user.organisation_ids(Role.PRIVACY_OFFICER, Role.REPRESENTATIVE)
