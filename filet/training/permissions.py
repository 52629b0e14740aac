"""Who may do what with training. Every signed-in person reads the catalogue and the
sessions; members register; trainers take attendance for their own sessions; the
coordinator manages modules, versions, requirements and sessions; representatives see
their own organisation's coverage and review their people's declarations."""

from filet.accounts.models import User
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role
from filet.training.models import Completion, Session

# Roles that take part in the Table's work; the technical administrator reads no content.
MEMBER_ROLES = tuple(role for role in Role if role != Role.ADMINISTRATOR)


def can_manage(user: User) -> bool:
    return is_coordinator(user)


def can_register(user: User) -> bool:
    return user.is_authenticated and user.has_role(*MEMBER_ROLES)


def can_take_attendance(user: User, session: Session) -> bool:
    return is_coordinator(user) or any(t.pk == user.pk for t in session.trainers.all())


def can_view_coverage(user: User) -> bool:
    return is_coordinator(user) or user.has_role(Role.REPRESENTATIVE)


def coverage_organisation_ids(user: User) -> set[int] | None:
    """Organisations whose coverage the user sees; None means all (the coordinator)."""
    if is_coordinator(user):
        return None
    return user.organisation_ids(Role.REPRESENTATIVE)


def can_review(user: User, completion: Completion, person_organisation_ids: set[int]) -> bool:
    """The coordinator, or a representative of an organisation the person belongs to."""
    if completion.user_id == user.pk:
        return False
    if is_coordinator(user):
        return True
    return bool(user.organisation_ids(Role.REPRESENTATIVE) & person_organisation_ids)


def can_send_reminders(user: User) -> bool:
    return is_coordinator(user)
