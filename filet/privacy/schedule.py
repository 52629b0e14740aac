"""The retention schedule: the Table's periods for the kinds with a retention rule, and
the fixed periods of the other kinds of record (declared here as data)."""

import calendar
from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from filet.lib import retention as retention_lib
from filet.lib.retention import RetentionRule
from filet.privacy.models import RetentionPeriod


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` months earlier (the last day when it has none)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def periods() -> dict[str, int]:
    """Kind → months the Table set (kinds it has not set are absent)."""
    return dict(RetentionPeriod.objects.values_list("kind", "months"))


def months_for(rule: RetentionRule, chosen: dict[str, int] | None = None) -> int:
    chosen = periods() if chosen is None else chosen
    return chosen.get(rule.kind, rule.default_months)


def cutoff_for(
    rule: RetentionRule, now: datetime, chosen: dict[str, int] | None = None
) -> datetime:
    return months_before(now, months_for(rule, chosen))


def rules() -> list[RetentionRule]:
    """Every app's rules, looked up at each call (a test may register its own)."""
    return retention_lib.all_rules()


@dataclass(frozen=True)
class FixedKind:
    """A kind of record whose life is fixed by how Filet works, not set by the Table."""

    label: Promise
    period: Promise
    basis: Promise


FIXED: list[FixedKind] = [
    FixedKind(
        _("Staff accounts"),
        _("while the person works with the Table"),
        _("deactivated, never deleted, so that the audit log stays whole"),
    ),
    FixedKind(
        _("Roles (memberships)"),
        _("kept as history"),
        _("ended, never deleted: who held which role, when"),
    ),
    FixedKind(
        _("Invitations"),
        _("72 hours while pending; then kept as history"),
        _("who invited whom; only a digest of the link is kept"),
    ),
    FixedKind(
        _("Sign-in sessions"),
        _("30 minutes idle, 12 hours at most"),
        _("from sign-in"),
    ),
    FixedKind(
        _("Audit log"),
        _("kept whole for the life of the platform"),
        _("hash-chained: removing an entry would break the proof of the whole log"),
    ),
    FixedKind(
        _("Failed-login records"),
        _("cleared at the next successful login"),
        _("lockout after five failures"),
    ),
    FixedKind(
        _("Observations"),
        _("kept for trends over time"),
        _("de-identified by design: month, sector and taxonomy terms, never a person"),
    ),
    FixedKind(
        _("Meetings, minutes, resolutions and the action plan"),
        _("kept as the Table's record"),
        _("permanent records of a public-interest body"),
    ),
    FixedKind(
        _("Training registrations and completions"),
        _("while the person works with the Table"),
        _("the training record of staff"),
    ),
    FixedKind(
        _("Pivot designations and the outreach journal"),
        _("kept as history"),
        _("withdrawn, never deleted; the journal goes with the organisation's reports"),
    ),
    FixedKind(
        _("Privacy notices"),
        _("while in force; replaced when changed"),
        _("published for every member"),
    ),
    FixedKind(
        _("Records of destruction (purge runs)"),
        _("kept for the life of the platform"),
        _("proof of what was destroyed, counts only"),
    ),
]

# Legal minimums the Table may not go below (the regulation's five years for the register).
MINIMUM_MONTHS: dict[str, int] = {"privacy.incident": 60}
