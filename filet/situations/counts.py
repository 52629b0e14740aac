"""Counts of the safety net for those who may not see a situation: the coordinator and
researchers (every organisation), managers (their organisation's). Small cells are
suppressed with filet/lib/suppression.py, totals included, as the observatory does."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from filet.lib.suppression import is_small, protect
from filet.observatory.models import ObservatorySettings
from filet.situations.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Outcome,
    Participant,
    Situation,
    Status,
)

NET = [
    ("alone", _("Situations alone (a single organisation, no reason given)")),
    ("justified", _("Situations kept alone, with a reason")),
    ("overdue", _("Overdue actions")),
]


@dataclass
class CountTable:
    """Labelled rows, each count None when suppressed, and the total."""

    rows: list[tuple[Any, int | None]]
    total: int | None


def _table(labels: list[tuple[str, Any]], counts: dict[str, int], k: int) -> CountTable:
    protected = protect([[counts.get(key, 0)] for key, _label in labels], k)
    rows = [(label, protected.cells[i][0]) for i, (_key, label) in enumerate(labels)]
    return CountTable(rows, protected.total)


def scoped(organisation_ids: set[int] | None) -> Any:
    situations = Situation.objects.all()
    if organisation_ids is not None:
        took_part = Participant.objects.filter(
            situation=OuterRef("pk"),
            organisation__in=organisation_ids,
            status__in=Participant.TOOK_PART,
        )
        situations = situations.filter(Exists(took_part))
    return situations


def build(organisation_ids: set[int] | None, today: date) -> dict[str, Any]:
    """Every table of the counts page, suppressed: four queries."""
    k = ObservatorySettings.load().k
    situations = scoped(organisation_ids)
    by_status = dict(situations.values_list("status").annotate(n=Count("pk")))
    by_outcome = dict(
        situations.filter(status=Status.CLOSED).values_list("outcome").annotate(n=Count("pk"))
    )
    live = situations.not_closed()
    alone = live.alone().count()
    justified = live.kept_alone().count()
    overdue = Action.objects.filter(
        situation__in=live.values("pk"), status__in=OPEN_ACTION_STATUSES, due_on__lt=today
    ).count()
    # Different units (situations, actions): each count is suppressed on its own.
    net = {"alone": alone, "justified": justified, "overdue": overdue}
    return {
        "k": k,
        "status": _table(list(Status.choices), by_status, k),
        "outcome": _table(list(Outcome.choices), by_outcome, k),
        "net": [(label, None if is_small(net[key], k) else net[key]) for key, label in NET],
    }


def justified_alone(organisation_ids: set[int] | None) -> list[Situation]:
    """For the coordinator: the codes of situations kept alone, with the reason given."""
    return list(
        scoped(organisation_ids)
        .not_closed()
        .kept_alone()
        .only("code", "alone_justification")
        .order_by("code")
    )
