"""The net itself: what needs someone's attention in the situations a person may see —
overdue actions, reviews past their date, situations alone, plans without a lead, and
participants who left. A query per section, whatever the number of situations."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from filet.accounts.models import User
from filet.situations.indicators import start_of
from filet.situations.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Participant,
    Situation,
)

LEFT_SHOWN_FOR = timedelta(days=90)
LIMIT = 200  # a section longer than this shows its first rows and the total
KEYS = ("overdue", "review", "alone", "no_lead", "left")


@dataclass
class Section:
    key: str
    rows: list[Any]
    total: int


def _section(key: str, queryset: Any) -> Section:
    rows = list(queryset[:LIMIT])
    total = len(rows) if len(rows) < LIMIT else queryset.count()
    return Section(key, rows, total)


# What the page shows of each row and of its situation, organisation and person: the
# situation and person rows are wide, and a section may list 200 of them.
_SHOWN = ("organisation__name_fr", "organisation__name_en", "person__full_name", "situation__code")


def net_for(user: User, today: date) -> list[Section]:
    # Materialised once: every section filters on this short list of ids.
    ids = list(Situation.objects.visible_to(user).not_closed().values_list("pk", flat=True))
    if not ids:  # every section filters on them: spare building five empty queries
        return [Section(key, [], 0) for key in KEYS]
    visible = Situation.objects.filter(pk__in=ids).only("code", "next_review_on")
    overdue = (
        Action.objects.filter(situation__in=ids, status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        .select_related("situation", "organisation", "person")
        .only("title", "due_on", *_SHOWN)
        .order_by("due_on", "pk")
    )
    review = visible.filter(next_review_on__lt=today).order_by("next_review_on", "pk")
    alone = visible.alone().order_by("opened_at", "pk")
    no_lead = visible.filter(lead_organisation__isnull=True).order_by("opened_at", "pk")
    left = (
        Participant.objects.filter(
            situation__in=ids,
            status=Participant.Status.LEFT,
            left_at__gte=start_of(today - LEFT_SHOWN_FOR),
        )
        .select_related("situation", "organisation", "person")
        .only("left_at", *_SHOWN)
        .order_by("-left_at", "-pk")
    )
    querysets = (overdue, review, alone, no_lead, left)
    return [_section(key, queryset) for key, queryset in zip(KEYS, querysets, strict=True)]
