"""A plan of realistic size for the bench (bench/data.py calls it on an empty database, so
the plan is number 1): three objectives, 25 actions each, over the given organisations."""

import random
from datetime import date, timedelta

from filet.organisations.models import Organisation
from filet.plans.models import Action, ActionStatus, Objective, Plan

ACTIONS_PER_OBJECTIVE = 25


def generate_plan(organisations: list[Organisation], rng: random.Random) -> Plan:
    plan = Plan.objects.create(
        title_fr="Plan d'action régional",
        title_en="Regional action plan",
        starts_on=date(2026, 1, 1),
        ends_on=date(2028, 12, 31),
    )
    objectives = Objective.objects.bulk_create(
        [
            Objective(plan=plan, position=n, title_fr=f"Objectif {n}", title_en=f"Objective {n}")
            for n in (1, 2, 3)
        ]
    )
    statuses = list(ActionStatus)
    actions = Action.objects.bulk_create(
        [
            Action(
                objective=objective,
                code=f"{objective.position}.{n}",
                title_fr=f"Action {objective.position}.{n}",
                title_en=f"Action {objective.position}.{n}",
                starts_on=date(2026, 1, 1),
                due_on=date(2026, 1, 1) + timedelta(days=rng.randint(30, 900)),
                status=rng.choice(statuses),
                progress=rng.randint(0, 100),
                weight=rng.randint(1, 5),
            )
            for objective in objectives
            for n in range(1, ACTIONS_PER_OBJECTIVE + 1)
        ]
    )
    responsible = Action.responsible.through
    partners = Action.partners.through
    responsible.objects.bulk_create(
        [responsible(action_id=a.pk, organisation_id=rng.choice(organisations).pk) for a in actions]
    )
    partners.objects.bulk_create(
        [
            partners(action_id=a.pk, organisation_id=o.pk)
            for a in actions
            for o in rng.sample(organisations, min(2, len(organisations)))
        ]
    )
    return plan
