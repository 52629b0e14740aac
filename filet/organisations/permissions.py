"""Who may do what with organisations and roles. Pure functions: views, templates and
tests call the same ones."""

from filet.accounts.models import User
from filet.organisations.models import Organisation
from filet.organisations.roles import COORDINATOR_GRANTABLE, REPRESENTATIVE_GRANTABLE, Role


def is_coordinator(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.COORDINATOR)


def takes_part(user: User) -> bool:
    """Holds a working role somewhere: the technical administrator alone reads no content."""
    return user.is_authenticated and any(
        m.role != Role.ADMINISTRATOR for m in user.active_memberships
    )


def is_member(user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and organisation.pk in user.organisation_ids()


def can_see_members(user: User, organisation: Organisation) -> bool:
    """Colleagues and the coordinator see who holds which role in an organisation."""
    return is_coordinator(user) or is_member(user, organisation)


def can_manage_members(user: User, organisation: Organisation) -> bool:
    return is_coordinator(user) or user.has_role(
        Role.REPRESENTATIVE, organisation_id=organisation.pk
    )


def grantable_roles(user: User, organisation: Organisation) -> list[Role]:
    """The roles this user may grant or revoke in this organisation, in display order."""
    allowed: set[Role] = set()
    if is_coordinator(user):
        allowed |= COORDINATOR_GRANTABLE
    if user.has_role(Role.REPRESENTATIVE, organisation_id=organisation.pk):
        allowed |= REPRESENTATIVE_GRANTABLE
    return [role for role in Role if role in allowed]


def can_grant(user: User, organisation: Organisation, role: str) -> bool:
    return role in grantable_roles(user, organisation)


def can_view_audit(user: User, organisation: Organisation) -> bool:
    """Each organisation's privacy officer reads that organisation's audit log, no one else."""
    return user.has_role(Role.PRIVACY_OFFICER, organisation_id=organisation.pk)


def audit_organisations(user: User) -> set[int]:
    return user.organisation_ids(Role.PRIVACY_OFFICER)


def can_invite_anywhere(user: User) -> bool:
    return is_coordinator(user) or user.has_role(Role.REPRESENTATIVE)


def managed_organisation_ids(user: User) -> set[int] | None:
    """Organisations whose roles the user manages; None means all (the coordinator)."""
    if is_coordinator(user):
        return None
    return user.organisation_ids(Role.REPRESENTATIVE)
