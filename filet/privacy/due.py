"""What is due for destruction, per kind of record, for one organisation's privacy officer.

A rule's records are counted for the organisation when its model has an `organisation`
field; otherwise the count is Table-wide (and said so)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from filet.organisations.models import Organisation
from filet.privacy.models import PurgeRun
from filet.privacy.schedule import cutoff_for, months_for, periods, rules

WINDOWS = (30, 90)  # days ahead: what falls due soon


@dataclass(frozen=True)
class DueRow:
    kind: str
    label: Promise
    basis: Promise
    months: int
    scoped: bool
    due_now: int
    due_soon: tuple[int, ...]  # due within each of WINDOWS, counting those due now
    last_run: PurgeRun | None


def _scoped(queryset: QuerySet[Any], organisation: Organisation) -> tuple[QuerySet[Any], bool]:
    names = {field.name for field in queryset.model._meta.get_fields()}
    if "organisation" in names:
        return queryset.filter(organisation=organisation), True
    return queryset, False


def summary(organisation: Organisation, now: datetime) -> list[DueRow]:
    chosen = periods()
    last_runs: dict[str, PurgeRun] = {}
    for run in PurgeRun.objects.order_by("kind", "-at"):
        last_runs.setdefault(run.kind, run)
    found = []
    for rule in rules():
        cutoff = cutoff_for(rule, now, chosen)
        now_qs, scoped = _scoped(rule.due(cutoff), organisation)
        soon = tuple(
            _scoped(rule.due(cutoff + timedelta(days=days)), organisation)[0].count()
            for days in WINDOWS
        )
        found.append(
            DueRow(
                rule.kind,
                rule.label,
                rule.basis,
                months_for(rule, chosen),
                scoped,
                now_qs.count(),
                soon,
                last_runs.get(rule.kind),
            )  # fmt: skip
        )
    return found
