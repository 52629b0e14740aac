"""Bench data for training (called by bench/data.py): three modules, requirements for pivots
and workers, and completions for about two people in three, some on an older version, so
the coverage report has real work to do on a province."""

import datetime
import random

from filet.organisations.models import Membership
from filet.organisations.roles import Role
from filet.training.models import (
    Completion,
    CompletionMethod,
    CompletionStatus,
    Module,
    ModuleVersion,
    Requirement,
)

BATCH = 1000
ON = datetime.date(2025, 11, 3)


def generate_training(rng: random.Random) -> int:
    """Returns the number of completions written."""
    author = Membership.objects.filter(role=Role.COORDINATOR).select_related("user").first()
    if author is None:
        return 0
    by = author.user
    modules = [
        Module.objects.create(title_fr=title, title_en=title, duration_minutes=180)
        for title in ("Signes de l'exploitation", "Rôle du pivot", "Concertation")
    ]
    versions = {
        (m.pk, n): ModuleVersion.objects.create(
            module=m, number=n, review_by=ON.replace(year=2027), published_by=by
        )
        for m in modules
        for n in (1, 2)
    }
    Requirement.objects.bulk_create(
        [
            Requirement(role=Role.PIVOT, module=modules[0], set_by=by),
            Requirement(role=Role.PIVOT, module=modules[1], set_by=by),
            Requirement(role=Role.WORKER, module=modules[0], set_by=by),
        ]
    )
    people = Membership.objects.filter(role__in=(Role.PIVOT, Role.WORKER)).values_list(
        "user_id", "role"
    )
    completions = []
    for user_id, role in people.iterator(chunk_size=BATCH):
        for module in modules[:2] if role == Role.PIVOT else modules[:1]:
            draw = rng.random()
            if draw < 0.35:
                continue  # not completed
            number = 1 if draw < 0.5 else 2
            completions.append(
                Completion(
                    user_id=user_id,
                    version=versions[(module.pk, number)],
                    method=CompletionMethod.ATTENDANCE,
                    status=CompletionStatus.APPROVED,
                    completed_on=ON,
                )
            )
    Completion.objects.bulk_create(completions, batch_size=BATCH)
    return len(completions)
