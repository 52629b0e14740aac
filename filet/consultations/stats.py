"""Counts of consultations for the coordinator, researchers, managers and representatives:
per organisation over the last twelve months, small cells suppressed (filet/lib/suppression)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count

from filet.consultations import indicators
from filet.consultations.models import OPEN_STATUSES, Consultation, Status, Urgency
from filet.lib.suppression import Protected, protect
from filet.observatory.models import ObservatorySettings
from filet.organisations.models import Organisation
from filet.pivots.models import local_now

PERIOD_DAYS = 365
OUTCOMES = {
    "open": OPEN_STATUSES,
    "answered": (Status.ANSWERED, Status.CLOSED),
    "withdrawn": (Status.WITHDRAWN,),
}


@dataclass
class Table:
    organisations: list[Organisation]
    columns: list[str]
    protected: Protected

    def rows(self) -> list[tuple[Organisation, list[int | None], int | None]]:
        return [
            (organisation, self.protected.cells[i], self.protected.row_totals[i])
            for i, organisation in enumerate(self.organisations)
        ]


def _grid(ids: set[int] | None, field: str, groups: dict[str, tuple[str, ...]]) -> Table:
    since = local_now() - timedelta(days=PERIOD_DAYS)
    rows = Consultation.objects.filter(created_at__gte=since)
    if ids is not None:
        rows = rows.filter(organisation__in=ids)
    found: dict[tuple[int, str], int] = {
        (org, value): n
        for org, value, n in rows.values_list("organisation", field).annotate(n=Count("pk"))
    }
    org_ids = ids if ids is not None else {org for org, _value in found}
    organisations = list(Organisation.objects.filter(pk__in=org_ids).order_by("name_fr"))
    table = [
        [sum(found.get((o.pk, value), 0) for value in values) for values in groups.values()]
        for o in organisations
    ]
    k = ObservatorySettings.load().k
    protected = protect(table, k) if table else protect([[0] * len(groups)], k)
    return Table(organisations, list(groups), protected)


def tables(ids: set[int] | None) -> dict[str, Any]:
    by_urgency = _grid(ids, "urgency", {value: (value,) for value in Urgency.values})
    by_outcome = _grid(ids, "status", dict(OUTCOMES))
    today = local_now().date()
    k = ObservatorySettings.load().k
    found = indicators.for_organisations(
        [o.pk for o in by_urgency.organisations],
        today - timedelta(days=PERIOD_DAYS),
        today + timedelta(days=1),
    )
    delays = [
        (o, found[o.pk].median_hours if found[o.pk].received >= k else None)
        for o in by_urgency.organisations
    ]
    return {"urgency": by_urgency, "outcome": by_outcome, "delays": delays, "k": k}
