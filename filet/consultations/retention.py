"""Retention of consultations: destroyed 24 months after closure (rated, closed a month
after an unrated answer, or withdrawn) by default; the Table sets the period. What is
destroyed leaves de-identified counts in Tally — month closed, organisation, urgency,
outcome — so that the aggregates survive."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from filet.audit.actions import record
from filet.consultations.models import ENDED_STATUSES, Consultation, Tally
from filet.lib.retention import RetentionRule
from filet.pivots.models import LOCAL_ZONE


def due(cutoff: datetime) -> QuerySet[Any]:
    return Consultation.objects.filter(status__in=ENDED_STATUSES, closed_at__lt=cutoff)


@transaction.atomic
def purge(cutoff: datetime) -> int:
    """Tally, then delete, every consultation closed before the cutoff (its routings,
    messages, steps and notices go with it). Returns how many were destroyed."""
    rows = due(cutoff).values_list("pk", "closed_at", "organisation", "urgency", "status")
    tallies: dict[tuple[date, int, str, str], int] = {}
    ids = []
    for pk, closed_at, organisation, urgency, status in rows:
        ids.append(pk)
        month = closed_at.astimezone(LOCAL_ZONE).date().replace(day=1)
        key = (month, organisation, urgency, status)
        tallies[key] = tallies.get(key, 0) + 1
    for (month, organisation, urgency, outcome), count in tallies.items():
        tally, _created = Tally.objects.get_or_create(
            month=month, organisation_id=organisation, urgency=urgency, outcome=outcome
        )
        Tally.objects.filter(pk=tally.pk).update(count=F("count") + count)
    Consultation.objects.filter(pk__in=ids).delete()
    if ids:
        record(None, "consultation.purged", count=len(ids), cutoff=cutoff.isoformat())
    return len(ids)


RULES = [
    RetentionRule(
        kind="consultations.consultation",
        label=_("Consultations"),
        basis=_("after closure"),
        default_months=24,
        due=due,
        purge=purge,
    )
]
