"""Who may do what in the directory and with the Table. Pure functions: views, templates,
the navigation and tests call the same ones.

The directory is Table-wide: everyone signed in reads every partner's profile (a person
from organisation B gets 403, not 404, when trying to edit A's). Confidential addresses are
the exception: only the organisation's own people see them.
"""

from filet.accounts.models import User
from filet.organisations.models import Organisation
from filet.organisations.permissions import is_coordinator, is_member
from filet.organisations.roles import Role


def can_read_directory(user: User) -> bool:
    return user.is_authenticated


def can_edit_profile(user: User, organisation: Organisation) -> bool:
    """Each representative edits their own organisation's profile; the coordinator all."""
    return is_coordinator(user) or user.has_role(
        Role.REPRESENTATIVE, organisation_id=organisation.pk
    )


def can_see_confidential(user: User, organisation: Organisation) -> bool:
    return is_member(user, organisation)


def can_edit_table(user: User) -> bool:
    return is_coordinator(user)


def can_exchange_hsds(user: User) -> bool:
    """Exporting and importing the directory as Open Referral HSDS: the coordinator."""
    return is_coordinator(user)
