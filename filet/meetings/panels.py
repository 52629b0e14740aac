"""The Table panel of the home page: the next meeting, and what the person's organisations
owe the action plan (open and late actions). Three queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from filet.accounts.models import User
from filet.meetings.models import Meeting
from filet.meetings.permissions import can_read_meetings


@dataclass(frozen=True)
class Panel:
    next_meeting: Meeting | None
    open_actions: int
    late_actions: int


def panel_for(user: User) -> Panel | None:
    from filet.plans.models import CLOSED_STATUSES, Action

    if not can_read_meetings(user):
        return None
    next_meeting = Meeting.objects.active().upcoming().first()
    owed = (
        Action.objects.filter(responsible__in=user.organisation_ids())
        .exclude(status__in=CLOSED_STATUSES)
        .aggregate(
            open=Count("pk", distinct=True),
            late=Count("pk", distinct=True, filter=Q(due_on__lt=timezone.localdate())),
        )
    )
    return Panel(next_meeting, owed["open"], owed["late"])
