"""The follow-up report brought to a meeting: where the plan stands on the meeting's date."""

from dataclasses import dataclass
from datetime import date, timedelta

from filet.plans.models import Action, Plan, ProgressNote
from filet.plans.rollup import PlanProgress, plan_progress


@dataclass
class FollowUp:
    on: date
    progress: PlanProgress
    late: list[Action]
    due_soon: list[Action]
    notes: list[ProgressNote]


def follow_up_report(plan: Plan, on: date) -> FollowUp:
    """Late on that day, due within 60 days after it, and the notes of the 90 days before."""
    progress = plan_progress(plan)
    actions = [a for o in progress.objectives for a in o.actions]
    late = [a for a in actions if a.is_late(on)]
    soon = [
        a
        for a in actions
        if not a.is_late(on)
        and on <= a.due_on <= on + timedelta(days=60)
        and a.status not in ("done", "cancelled")
    ]
    notes = list(
        ProgressNote.objects.filter(
            action__objective__plan=plan,
            created_at__date__lte=on,
            created_at__date__gt=on - timedelta(days=90),
        ).select_related("action", "author")[:50]
    )
    return FollowUp(on, progress, late, soon, notes)
