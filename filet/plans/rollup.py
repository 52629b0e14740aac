"""Weighted progress from actions up to objectives and the plan, computed from one list of
actions loaded once (no query per objective)."""

from dataclasses import dataclass, field
from decimal import Decimal

from filet.plans.models import Action, ActionStatus, Objective, Plan, weighted_progress


@dataclass
class ObjectiveProgress:
    objective: Objective
    actions: list[Action] = field(default_factory=list)

    @property
    def progress(self) -> Decimal:
        return weighted_progress(_pairs(self.actions))


@dataclass
class PlanProgress:
    plan: Plan
    objectives: list[ObjectiveProgress]

    @property
    def progress(self) -> Decimal:
        return weighted_progress(_pairs([a for o in self.objectives for a in o.actions]))

    @property
    def action_count(self) -> int:
        return sum(len(o.actions) for o in self.objectives)


def _pairs(actions: list[Action]) -> list[tuple[int, int]]:
    return [(a.weight, a.progress) for a in actions if a.status != ActionStatus.CANCELLED]


def plan_progress(plan: Plan) -> PlanProgress:
    """The plan with each objective's actions (with their organisations' lists)."""
    objectives = {o.pk: ObjectiveProgress(o) for o in plan.objectives.all()}
    actions = (
        Action.objects.filter(objective__plan=plan)
        .with_organisations()
        .select_related("resolution")
        .order_by("objective__position", "code")
    )
    for action in actions:
        objectives[action.objective_id].actions.append(action)
    return PlanProgress(plan, list(objectives.values()))
