"""Who may do what with consultations. Pure functions used by views, templates and tests.

Reading is need-to-know (``ConsultationQuerySet.visible_to``); acting belongs to the person
a consultation is routed to (or their organisation's representative), and to the requester
for details, rating and withdrawal. The coordinator, managers and researchers see counts."""

from django.utils.translation import gettext_lazy as _

from filet.accounts.models import User
from filet.consultations.models import Consultation
from filet.organisations.permissions import is_coordinator, takes_part
from filet.organisations.roles import Role

NAV_LABEL = _("Consultations")
ASKER_ROLES = (Role.WORKER, Role.PIVOT, Role.REPRESENTATIVE)
COUNT_ROLES = (Role.MANAGER, Role.RESEARCHER, Role.REPRESENTATIVE)


def can_use_inbox(user: User) -> bool:
    return takes_part(user)


def can_ask(user: User) -> bool:
    """Front-line workers, pivots and representatives consult a pivot."""
    return user.is_authenticated and user.has_role(*ASKER_ROLES)


def is_requester(user: User, consultation: Consultation) -> bool:
    return consultation.requester_id == user.pk


def can_handle(user: User, consultation: Consultation) -> bool:
    """The person it is routed to now, or a representative of their organisation."""
    return consultation.assignee_id == user.pk or user.has_role(
        Role.REPRESENTATIVE, organisation_id=consultation.organisation_id
    )


def may_propose_faq(user: User, consultation: Consultation) -> bool:
    """Who answered, or who handles it now, proposes the pair for the FAQ; the state (answered
    or closed, not yet proposed) is the action's to check."""
    return consultation.answered_by_id == user.pk or can_handle(user, consultation)


def can_see_counts(user: User) -> bool:
    return is_coordinator(user) or user.has_role(*COUNT_ROLES)


def counts_organisation_ids(user: User) -> set[int] | None:
    """Organisations whose counts the user sees; None means every one (the Table)."""
    if is_coordinator(user) or user.has_role(Role.RESEARCHER):
        return None
    return user.organisation_ids(Role.MANAGER, Role.REPRESENTATIVE)


def can_publish_faq(user: User) -> bool:
    return is_coordinator(user)
