"""Who may do what in the library. Pure functions.

Every member reads the Table-wide resources and those of their own organisation (others
do not exist for them: 404); representatives and pivots upload for their organisation; a
resource is managed by its organisation's representatives and pivots, and a Table-wide one
by the coordinator too; the coordinator edits the FAQ."""

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role
from filet.resources.models import Resource, Visibility

MEMBER_ROLES = tuple(role for role in Role if role != Role.ADMINISTRATOR)
UPLOADER_ROLES = (Role.REPRESENTATIVE, Role.PIVOT, Role.COORDINATOR)


def can_read(user: User) -> bool:
    return user.is_authenticated and user.has_role(*MEMBER_ROLES)


def upload_organisation_ids(user: User) -> set[int]:
    """Organisations the user uploads for (the coordinator's own is the Table's)."""
    return user.organisation_ids(*UPLOADER_ROLES)


def can_upload(user: User) -> bool:
    return user.is_authenticated and bool(upload_organisation_ids(user))


def can_see(user: User, resource: Resource) -> bool:
    if not can_read(user) or resource.withdrawn_at is not None:
        return False
    return (
        resource.visibility == Visibility.TABLE
        or resource.organisation_id in user.organisation_ids()
    )


def can_manage(user: User, resource: Resource) -> bool:
    if resource.organisation_id in upload_organisation_ids(user):
        return True
    return is_coordinator(user) and resource.visibility == Visibility.TABLE


def can_edit_faq(user: User) -> bool:
    return is_coordinator(user)
