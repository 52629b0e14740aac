"""Who may do what with the action plan. Pure functions.

The coordinator runs the plan. People of the organisations seated at the Table read it;
the representative of a responsible organisation updates that action's status, progress,
notes and measurements (another organisation's action: 403)."""

from filet.accounts.models import User
from filet.meetings.permissions import is_table_member
from filet.organisations.permissions import is_coordinator
from filet.organisations.roles import Role
from filet.plans.models import Action


def can_read_plans(user: User) -> bool:
    return is_coordinator(user) or is_table_member(user)


def can_run_plans(user: User) -> bool:
    return is_coordinator(user)


def can_update_action(user: User, action: Action) -> bool:
    if is_coordinator(user):
        return True
    responsible = {o.pk for o in action.responsible.all()}
    return bool(responsible & user.organisation_ids(Role.REPRESENTATIVE))


def can_export(user: User) -> bool:
    return can_read_plans(user)
