"""Who may do what in the observatory. Raw observations stay inside their organisation
(its pivots and representative); the Table sees suppressed aggregates; a researcher sees
what an approved protocol in force allows. Pure functions."""

from filet.accounts.models import User
from filet.observatory.models import Observation, ResearchProtocol
from filet.organisations.models import Organisation
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role

RAW_READERS = (Role.PIVOT, Role.REPRESENTATIVE)
TREND_READERS = (Role.COORDINATOR, Role.REPRESENTATIVE, Role.PIVOT, Role.MANAGER)


def can_record(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.PIVOT)


def recording_organisation_ids(user: User) -> set[int]:
    return user.organisation_ids(Role.PIVOT)


def recording_organisation(user: User) -> Organisation | None:
    """The organisation an observation is recorded for: the first where the person is a
    pivot, in the order of their roles (the page and the API alike)."""
    ids = recording_organisation_ids(user)
    return next((m.organisation for m in user.active_memberships if m.organisation_id in ids), None)


def raw_organisation_ids(user: User) -> set[int]:
    """Organisations whose observations the user reads one by one."""
    return user.organisation_ids(*RAW_READERS)


def can_read_observation(user: User, observation: Observation) -> bool:
    return observation.organisation_id in raw_organisation_ids(user)


def can_edit_observation(user: User, observation: Observation) -> bool:
    """The author, or the representative of the author's organisation."""
    if not can_read_observation(user, observation):
        return False
    return observation.author_id == user.pk or user.has_role(
        Role.REPRESENTATIVE, organisation_id=observation.organisation_id
    )


def can_view_trends(user: User) -> bool:
    return user.is_authenticated and user.has_role(*TREND_READERS)


def can_change_settings(user: User) -> bool:
    return is_coordinator(user)


def can_manage_protocols(user: User) -> bool:
    return is_coordinator(user)


def can_list_protocols(user: User) -> bool:
    return is_coordinator(user) or user.has_role(Role.RESEARCHER)


def can_use_protocol(user: User, protocol: ResearchProtocol) -> bool:
    """Only the named researcher, still a researcher, and only while it is in force."""
    return (
        protocol.researcher_id == user.pk
        and user.has_role(Role.RESEARCHER)
        and protocol.is_in_force
    )
