"""Follow-up indicators of the safety net in the report to management: consultations
(received, answered, time to first response, overdue) and concerted situations (opened,
taken part in, alone, overdue actions, outcomes) of one organisation for a quarter.

Counts only, never a situation or a question; small counts show as "< 5" like the rest of
the report, and the outcomes go through complementary suppression."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils.translation import gettext as _

from filet.consultations import indicators as consultations
from filet.lib import suppression
from filet.organisations.models import Organisation
from filet.pivots.reports import Quarter, shown
from filet.situations import indicators as situations
from filet.situations.models import Outcome


@dataclass
class FollowUp:
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, published value)
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    outcomes_total: str = "0"


def _count(value: int) -> str:
    return shown(None if suppression.is_small(value, suppression.DEFAULT_K) else value)


def build(quarter: Quarter, organisation: Organisation) -> FollowUp:
    start, end = quarter.start, quarter.end + timedelta(days=1)
    asked = consultations.for_organisation(organisation.pk, start, end)
    net = situations.for_organisation(organisation.pk, start, end)
    median = "—"
    if asked.median_hours is not None and not suppression.is_small(
        asked.received, suppression.DEFAULT_K
    ):
        median = _("%(hours)s h") % {"hours": asked.median_hours}
    report = FollowUp(
        rows=[
            (_("Consultations received"), _count(asked.received)),
            (_("Consultations answered"), _count(asked.answered)),
            (_("Median time to first response"), median),
            (_("Consultations that went past their deadline"), _count(asked.overdue)),
            (_("Situations opened"), _count(net.opened)),
            (_("Situations joined"), _count(net.taking_part)),
            (_("Situations handled alone"), _count(net.alone)),
            (_("Overdue actions of the plans"), _count(net.overdue_actions)),
        ]
    )
    codes = [code for code in Outcome.values if net.outcomes.get(code)]
    if codes:
        protected = suppression.protect([[net.outcomes[code]] for code in codes])
        labels = dict(Outcome.choices)
        report.outcomes = [
            (str(labels[code]), shown(protected.cells[i][0])) for i, code in enumerate(codes)
        ]
        report.outcomes_total = shown(protected.total)
    return report
