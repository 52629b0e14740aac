"""Follow-up indicators of the safety net for the reports to management: counts for one
organisation over a period, never a situation. The reports suppress small counts."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from filet.situations.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Outcome,
    Participant,
    Situation,
    Status,
)


@dataclass(frozen=True)
class Indicators:
    opened: int  # opened by the organisation in the period
    taking_part: int  # the organisation took part (opened or joined) in the period
    alone: int  # not closed, the organisation's, a single organisation and no reason
    overdue_actions: int  # the organisation's open actions past their date at the end
    outcomes: dict[str, int] = field(default_factory=dict)  # closed in the period


def start_of(day: date) -> datetime:
    """Midnight, local time, at the start of `day`."""
    return timezone.make_aware(datetime.combine(day, time.min))


def for_organisation(organisation_id: int, start: date, end: date) -> Indicators:
    """Counts for [start, end) — four queries."""
    since, until = start_of(start), start_of(end)
    took_part = Participant.objects.filter(
        situation=OuterRef("pk"),
        organisation_id=organisation_id,
        status__in=Participant.TOOK_PART,
    )
    ours = Situation.objects.filter(Exists(took_part))
    opened = ours.filter(organisation_id=organisation_id, opened_at__gte=since,
                         opened_at__lt=until).count()  # fmt: skip
    joined = (
        Participant.objects.filter(
            organisation_id=organisation_id,
            status__in=Participant.TOOK_PART,
            responded_at__gte=since,
            responded_at__lt=until,
        )
        .values("situation")
        .distinct()
        .count()
    )
    alone = ours.not_closed().alone().count()
    overdue = (
        Action.objects.filter(
            organisation_id=organisation_id,
            status__in=OPEN_ACTION_STATUSES,
            due_on__lt=min(end, timezone.localdate()),
        )
        .exclude(situation__status=Status.CLOSED)
        .count()
    )
    outcomes = dict(
        ours.filter(status=Status.CLOSED, closed_at__gte=since, closed_at__lt=until)
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    return Indicators(
        opened=opened,
        taking_part=joined,
        alone=alone,
        overdue_actions=overdue,
        outcomes={code: outcomes.get(code, 0) for code in Outcome.values},
    )
