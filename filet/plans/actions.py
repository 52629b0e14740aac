"""State changes of the action plan: atomic, with the actor, audited in the same
transaction."""

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.plans.models import (
    Action,
    Indicator,
    Measurement,
    Objective,
    Plan,
    PlanStatus,
    ProgressNote,
)

if TYPE_CHECKING:
    from filet.meetings.models import Resolution
    from filet.organisations.models import Organisation


class StaleEdit(Exception):
    """Someone saved the action after the form was opened."""


@transaction.atomic
def create_plan(*, by: User, title_fr: str, title_en: str, starts_on: date, ends_on: date) -> Plan:
    """Start a plan over a period; it is a draft until a resolution adopts it."""
    plan = Plan.objects.create(
        title_fr=title_fr, title_en=title_en, starts_on=starts_on, ends_on=ends_on
    )
    record(by, "plan.created", plan, title=title_fr)
    return plan


@transaction.atomic
def adopt_plan(plan: Plan, *, by: User, resolution: "Resolution") -> Plan:
    """Record the resolution by which the Table adopted the plan."""
    plan.status, plan.adopted_by = PlanStatus.ADOPTED, resolution
    plan.save(update_fields=["status", "adopted_by"])
    record(by, "plan.adopted", plan, resolution=resolution.code)
    return plan


@transaction.atomic
def add_objective(plan: Plan, *, by: User, title_fr: str, title_en: str = "") -> Objective:
    """Add an objective at the end of the plan."""
    last = plan.objectives.order_by("-position").values_list("position", flat=True).first() or 0
    objective = Objective.objects.create(
        plan=plan, position=last + 1, title_fr=title_fr, title_en=title_en
    )
    record(by, "plan.objective_added", plan, objective=objective.position)
    return objective


@dataclass
class ActionInput:
    objective: Objective
    title_fr: str
    due_on: date
    responsible: list["Organisation"]
    title_en: str = ""
    partners: list["Organisation"] = field(default_factory=list)
    starts_on: date | None = None
    weight: int = 1
    code: str = ""
    submission: uuid.UUID | None = None


def _next_code(objective: Objective) -> str:
    count = Action.objects.filter(objective=objective).count()
    return f"{objective.position}.{count + 1}"


@transaction.atomic
def create_action(spec: ActionInput, *, by: User, resolution: "Resolution | None" = None) -> Action:
    """Add an action to an objective, optionally as the follow-up of a resolution; a
    submission key already used returns the action it created."""
    existing = (
        Action.objects.filter(submission=spec.submission).first() if spec.submission else None
    )
    if existing is not None:
        return existing
    action = Action.objects.create(
        objective=spec.objective,
        code=spec.code or _next_code(spec.objective),
        title_fr=spec.title_fr,
        title_en=spec.title_en,
        starts_on=spec.starts_on,
        due_on=spec.due_on,
        weight=spec.weight,
        resolution=resolution,
        submission=spec.submission,
    )
    action.responsible.set(spec.responsible)
    action.partners.set(spec.partners)
    record(
        by,
        "plan.action_created",
        action,
        code=action.code,
        resolution=resolution.code if resolution else "",
    )
    return action


@transaction.atomic
def update_progress(
    action: Action, *, by: User, version: int, status: str, progress: int, note: str = ""
) -> Action:
    """Report status and progress of an action, with a note kept in its history."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.version != version:
        raise StaleEdit
    locked.status, locked.progress = status, progress
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=["status", "progress", "version", "updated_at"])
    ProgressNote.objects.create(
        action=locked, author=by, text=note, status=status, progress=progress
    )
    record(by, "plan.action_updated", locked, status=status, progress=progress)
    return locked


@transaction.atomic
def add_indicator(
    action: Action, *, by: User, name_fr: str, name_en: str, target: Decimal
) -> Indicator:
    """Give an action a measurable indicator with its target."""
    indicator = Indicator.objects.create(
        action=action, name_fr=name_fr, name_en=name_en, target=target
    )
    record(by, "plan.indicator_added", action, indicator=indicator.pk)
    return indicator


@transaction.atomic
def record_measurement(
    indicator: Indicator, *, by: User, measured_on: date, value: Decimal
) -> Measurement:
    """Record the indicator's value on a day; recording the same day again replaces it."""
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator, measured_on=measured_on, defaults={"value": value, "recorded_by": by}
    )
    record(
        by, "plan.measurement_recorded", indicator.action, indicator=indicator.pk, value=str(value)
    )
    return measurement
