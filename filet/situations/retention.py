"""Retention of concerted situations: destroyed 24 months after closure by default (the
Table sets the period). What is destroyed leaves de-identified counts in ClosedTally —
year closed, outcome, alone or not — so that the aggregates survive."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from filet.audit.actions import record
from filet.lib.retention import RetentionRule
from filet.situations.models import ClosedTally, Participant, Situation, Status


def due(cutoff: datetime) -> QuerySet[Any]:
    return Situation.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff)


@transaction.atomic
def purge(cutoff: datetime) -> int:
    """Tally, then delete, every situation closed before the cutoff (participants, plan,
    notes and reminders go with it). Returns how many situations were destroyed."""
    accepted = Q(participants__status__in=Participant.TOOK_PART)
    rows = (
        due(cutoff)
        .annotate(
            partners=Count("participants__organisation", filter=accepted, distinct=True),
            n_actions=Count("actions", distinct=True),
        )
        .values_list("pk", "closed_at__year", "outcome", "partners", "n_actions")
    )
    tallies: dict[tuple[int, str, bool], list[int]] = {}
    ids = []
    for pk, year, outcome, partners, n_actions in rows:
        ids.append(pk)
        counts = tallies.setdefault((year, outcome, partners < 2), [0, 0])
        counts[0] += 1
        counts[1] += n_actions
    for (year, outcome, alone), (situations, actions) in tallies.items():
        tally, _created = ClosedTally.objects.get_or_create(year=year, outcome=outcome, alone=alone)
        ClosedTally.objects.filter(pk=tally.pk).update(
            situations=F("situations") + situations, actions=F("actions") + actions
        )
    Situation.indicators.through.objects.filter(situation_id__in=ids).delete()
    Situation.objects.filter(pk__in=ids).delete()
    if ids:
        record(None, "situation.purged", count=len(ids), cutoff=cutoff.isoformat())
    return len(ids)


RULES = [
    RetentionRule(
        kind="situations.situation",
        label=_("Concerted situations"),
        basis=_("after closure"),
        default_months=24,
        due=due,
        purge=purge,
    )
]
