"""Who may do what with the matrix. The matrix is Table-wide: every signed-in person reads
it; the coordinator edits every row, each representative their own organisation's row;
only the coordinator records what the Table adopted."""

from filet.accounts.models import User
from filet.organisations.models import Organisation
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role


def can_view_matrix(user: User) -> bool:
    return user.is_authenticated


def can_edit_row(user: User, organisation: Organisation) -> bool:
    return is_coordinator(user) or user.has_role(
        Role.REPRESENTATIVE, organisation_id=organisation.pk
    )


def editable_organisation_ids(user: User) -> set[int] | None:
    """Rows the user may edit; None means every row (the coordinator)."""
    if is_coordinator(user):
        return None
    return user.organisation_ids(Role.REPRESENTATIVE)


def can_adopt(user: User) -> bool:
    return is_coordinator(user)


def can_edit_stages(user: User) -> bool:
    return is_coordinator(user)


def can_edit_agreements(user: User) -> bool:
    return is_coordinator(user)


def can_export(user: User) -> bool:
    return can_view_matrix(user)
