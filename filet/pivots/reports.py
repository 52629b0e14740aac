"""Reports to management: for an organisation (or the whole Table) and a quarter, its
pivots, coverage, outreach and observations. Counts of people (participants, youths) go
through filet.lib.suppression: small cells show as "< 5", with complementary suppression
so that totals cannot reveal them."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from filet.lib import suppression
from filet.organisations.models import Organisation
from filet.pivots.models import Activity, Audience, Designation, Level, MilieuType, local_now

_QUARTER = re.compile(r"^(?P<year>\d{4})-Q(?P<number>[1-4])$")


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        following = self.next()
        return following.start - timedelta(days=1)

    def next(self) -> "Quarter":
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self) -> "Quarter":
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def label(self) -> str:
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, value: str) -> "Quarter":
        match = _QUARTER.match(value or "")
        if not match:
            raise ValueError(value)
        return cls(int(match["year"]), int(match["number"]))

    @classmethod
    def recent(cls, day: date, count: int) -> list["Quarter"]:
        quarters = [cls.containing(day)]
        while len(quarters) < count:
            quarters.append(quarters[-1].previous())
        return quarters


def shown(value: int | None) -> str:
    """A published count, or "< 5" for a hidden one."""
    return f"< {suppression.DEFAULT_K}" if value is None else str(value)


@dataclass
class Breakdown:
    """Counts by category: activities (published as is) and participants (suppressed)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    activities: int = 0
    participants: str = "0"


def _breakdown(counts: dict[str, tuple[int, int]], labels: Sequence[tuple[str, Any]]) -> Breakdown:
    keys = [key for key, _label in labels if key in counts]
    people = suppression.protect([[counts[key][1]] for key in keys]) if keys else None
    rows = [
        {
            "key": key,
            "label": str(label),
            "activities": counts[key][0],
            "participants": shown(people.cells[keys.index(key)][0]) if people else "0",
        }
        for key, label in labels
        if key in counts
    ]
    return Breakdown(
        rows=rows,
        activities=sum(a for a, _p in counts.values()),
        participants=shown(people.total) if people else "0",
    )


def _by(activities: Any, column: str) -> dict[str, tuple[int, int]]:
    return {
        row[column]: (row["n"], row["people"] or 0)
        for row in activities.values(column).annotate(n=Count("pk"), people=Sum("participants"))
    }


@dataclass
class Report:
    quarter: Quarter
    organisation: Organisation | None
    designations: list[Designation]
    primaries: int
    backups: int
    by_audience: Breakdown
    by_milieu: Breakdown
    minutes: int
    observations: int | None = None
    youths: str = ""

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def build(quarter: Quarter, organisation: Organisation | None) -> Report:
    """The report of one organisation (or, with None, of the whole Table) for a quarter."""
    day = min(quarter.end, local_now().date())
    designations = Designation.objects.in_force(day).select_related("pivot", "organisation")
    activities = Activity.objects.filter(held_on__range=(quarter.start, quarter.end))
    if organisation is not None:
        designations = designations.filter(organisation=organisation)
        activities = activities.filter(organisation=organisation)
    listed = list(designations.prefetch_related("stages", "territories"))
    report = Report(
        quarter=quarter,
        organisation=organisation,
        designations=listed,
        primaries=sum(d.level == Level.PRIMARY for d in listed),
        backups=sum(d.level == Level.BACKUP for d in listed),
        by_audience=_breakdown(_by(activities, "audience"), Audience.choices),
        by_milieu=_breakdown(_by(activities, "milieu_type"), MilieuType.choices),
        minutes=activities.aggregate(total=Sum("duration_minutes"))["total"] or 0,
    )
    _add_observations(report, quarter, organisation)
    return report


def _add_observations(report: Report, quarter: Quarter, organisation: Organisation | None) -> None:
    """Observations recorded by the organisation's pivots, once the observatory exists."""
    if not apps.is_installed("filet.observatory"):
        return
    observation = apps.get_model("observatory", "Observation")
    rows = observation.objects.filter(month__range=(quarter.start, quarter.end))
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    totals = rows.aggregate(n=Count("pk"), youths=Sum("youths"))
    report.observations = totals["n"]
    youths = totals["youths"] or 0
    report.youths = shown(None if suppression.is_small(youths, suppression.DEFAULT_K) else youths)


@dataclass
class TableRow:
    organisation: Organisation
    pivots: int
    activities: int
    participants: str


def table_rows(quarter: Quarter) -> tuple[list[TableRow], str]:
    """One row per organisation with pivots or activities; participants suppressed."""
    day = min(quarter.end, local_now().date())
    pivots = dict(
        Designation.objects.in_force(day)
        .values_list("organisation")
        .annotate(n=Count("pivot", distinct=True))
    )
    activity = {
        row["organisation"]: (row["n"], row["people"] or 0)
        for row in Activity.objects.filter(held_on__range=(quarter.start, quarter.end))
        .values("organisation")
        .annotate(n=Count("pk"), people=Sum("participants"))
    }
    ids = sorted(set(pivots) | set(activity))
    organisations = Organisation.objects.in_bulk(ids)
    ordered = sorted(ids, key=lambda pk: organisations[pk].name_fr)
    people = (
        suppression.protect([[activity.get(pk, (0, 0))[1]] for pk in ordered]) if ordered else None
    )
    rows = [
        TableRow(
            organisation=organisations[pk],
            pivots=pivots.get(pk, 0),
            activities=activity.get(pk, (0, 0))[0],
            participants=shown(people.cells[i][0]) if people else "0",
        )
        for i, pk in enumerate(ordered)
    ]
    return rows, shown(people.total) if people else "0"
