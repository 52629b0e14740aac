"""Follow-up indicators of consultations for the reports to management: counts for an
organisation and a period (first day included, last day excluded, Québec time).

- received: consultations routed to the organisation in the period;
- answered: consultations the organisation answered in the period;
- median_hours: median time from routing to the first response (accept, question back or
  answer) of those routings, in hours, None when there is none;
- overdue: consultations that went past their deadline while with the organisation (a
  reminder was sent in the period).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from statistics import median

from django.db.models import Count

from filet.consultations.models import Consultation, Reminder, Routing, Step
from filet.pivots.models import LOCAL_ZONE


@dataclass(frozen=True)
class Indicators:
    received: int = 0
    answered: int = 0
    median_hours: float | None = None
    overdue: int = 0


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(start, time.min, tzinfo=LOCAL_ZONE),
        datetime.combine(end, time.min, tzinfo=LOCAL_ZONE),
    )


def for_organisations(ids: Iterable[int], start: date, end: date) -> dict[int, Indicators]:
    """Every organisation of `ids`, in four queries."""
    ids = set(ids)
    low, high = _bounds(start, end)
    received: dict[int, set[int]] = defaultdict(set)
    delays: dict[int, list[float]] = defaultdict(list)
    routings = Routing.objects.filter(
        organisation__in=ids, created_at__gte=low, created_at__lt=high
    )
    for org, consultation, routed, responded in routings.values_list(
        "organisation", "consultation", "created_at", "responded_at"
    ):
        received[org].add(consultation)
        if responded is not None:
            delays[org].append((responded - routed).total_seconds() / 3600)
    answered = dict(
        Consultation.objects.filter(
            answered_organisation__in=ids, answered_at__gte=low, answered_at__lt=high
        )
        .values_list("answered_organisation")
        .annotate(n=Count("pk"))
    )
    overdue = dict(
        Reminder.objects.filter(
            organisation__in=ids, step=Step.REMINDER, created_at__gte=low, created_at__lt=high
        )
        .values_list("organisation")
        .annotate(n=Count("consultation", distinct=True))
    )
    return {
        org: Indicators(
            received=len(received[org]),
            answered=answered.get(org, 0),
            median_hours=round(median(delays[org]), 1) if delays[org] else None,
            overdue=overdue.get(org, 0),
        )
        for org in ids
    }


def for_organisation(organisation_id: int, start: date, end: date) -> Indicators:
    return for_organisations([organisation_id], start, end)[organisation_id]
