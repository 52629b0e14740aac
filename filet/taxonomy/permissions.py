"""Who may do what with the taxonomy. Everyone signed in reads it (pivots need the
definitions); the Table coordinator edits it."""

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator


def can_edit_taxonomy(user: User) -> bool:
    return is_coordinator(user)
