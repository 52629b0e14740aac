"""Who may do what with meetings. Pure functions: views, templates and tests call them.

The coordinator runs meetings. People of the organisations seated at the Table read every
meeting, its minutes, resolutions and question period; a person invited by name reads the
meetings they are invited to. Everyone else is told nothing exists (404)."""

from filet.accounts.models import User
from filet.meetings.models import Meeting
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role

STAFF_ROLES = (
    Role.REPRESENTATIVE,
    Role.PIVOT,
    Role.WORKER,
    Role.MANAGER,
    Role.PRIVACY_OFFICER,
    Role.RESEARCHER,
)


def seated_organisation_ids() -> set[int]:
    from filet.directory.models import TableMembership

    return set(TableMembership.objects.current().values_list("organisation_id", flat=True))


def is_table_member(user: User) -> bool:
    """Someone from an organisation seated at the Table today (cached on the user)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_filet_table_member", None)
    if cached is None:
        cached = bool(user.organisation_ids() & seated_organisation_ids())
        user._filet_table_member = cached  # type: ignore[attr-defined]
    return cached


def may_see_meetings_entry(user: User) -> bool:
    """The navigation's entry, without a query on every page: anyone holding a role in a
    partner (the pages themselves check the seat at the Table)."""
    return is_coordinator(user) or bool(user.organisation_ids(*STAFF_ROLES))


def can_read_meetings(user: User) -> bool:
    return is_coordinator(user) or is_table_member(user)


def can_see_meeting(user: User, meeting: Meeting) -> bool:
    if can_read_meetings(user):
        return True
    return user.is_authenticated and meeting.invitations.filter(person=user).exists()


def can_run_meetings(user: User) -> bool:
    return is_coordinator(user)
