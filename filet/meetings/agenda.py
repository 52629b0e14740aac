"""What a meeting's agenda carries forward without anyone typing it: questions still open,
business arising from earlier resolutions whose follow-up is open (with the plan's actions
they created), and minutes of earlier meetings waiting for adoption. Computed as of the
meeting's start, so an old agenda still reads as it did that day."""

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from filet.meetings.models import (
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingSettings,
    Minutes,
    MinutesStatus,
    Question,
    Resolution,
)

if TYPE_CHECKING:
    from filet.plans.models import Plan


def carried_questions(meeting: Meeting) -> list[Question]:
    return list(
        Question.objects.filter(meeting__starts_at__lt=meeting.starts_at)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=meeting.starts_at))
        .select_related("meeting", "asked_by", "organisation", "answered_by")
        .order_by("meeting__starts_at", "pk")
    )


def business_arising(meeting: Meeting) -> list[Resolution]:
    from filet.plans.models import Action

    return list(
        Resolution.objects.filter(meeting__starts_at__lt=meeting.starts_at)
        .exclude(follow_up_organisation__isnull=True, follow_up_person__isnull=True)
        .filter(Q(follow_up_done_at__isnull=True) | Q(follow_up_done_at__gte=meeting.starts_at))
        .select_related("meeting", "follow_up_organisation", "follow_up_person")
        .prefetch_related(
            Prefetch("plan_actions", queryset=Action.objects.prefetch_related("responsible"))
        )
        .order_by("year", "number")
    )


def minutes_to_adopt(meeting: Meeting) -> list[Minutes]:
    """Minutes of earlier meetings circulated and not yet adopted, or adopted at this one."""
    return list(
        Minutes.objects.filter(meeting__starts_at__lt=meeting.starts_at)
        .filter(
            Q(status=MinutesStatus.CIRCULATED)
            | Q(status=MinutesStatus.ADOPTED, adopted_at_meeting=meeting)
        )
        .select_related("meeting")
        .order_by("meeting__starts_at")
    )


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    required: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required


def quorum(meeting: Meeting) -> Quorum:
    """Organisations seated at the Table on the meeting's day, and how many were present."""
    from filet.directory.models import TableMembership

    day = meeting.starts_at.date()
    seated = set(TableMembership.objects.current(day).values_list("organisation_id", flat=True))
    present = set(
        Attendance.objects.filter(
            meeting=meeting, status=AttendanceStatus.PRESENT, organisation_id__in=seated
        ).values_list("organisation_id", flat=True)
    )
    return Quorum(len(seated), len(present), MeetingSettings.load().required(len(seated)))


def attendance_rows(meeting: Meeting) -> list[tuple[str, str]]:
    """Everyone invited with their attendance, then anyone recorded without an invitation."""
    recorded = {
        (a.organisation_id, a.person_id): (
            str(a.organisation or a.person),
            str(a.get_status_display()),
        )
        for a in meeting.attendances.select_related("organisation", "person")
    }
    rows = []
    for invitation in meeting.invitations.select_related("organisation", "person"):
        key = (invitation.organisation_id, invitation.person_id)
        label, status = recorded.pop(key, (str(invitation.organisation or invitation.person), ""))
        rows.append((label, status))
    return rows + sorted(recorded.values())


@dataclass(frozen=True)
class PlanStanding:
    plan: "Plan"
    progress: Decimal
    late: int
    report_url: str


def plan_standing(meeting: Meeting) -> list[PlanStanding]:
    """Each adopted plan running on the meeting's day: its weighted progress, how many actions
    are late that day, and the follow-up report for that date."""
    from filet.plans.models import Plan, PlanStatus
    from filet.plans.rollup import plan_progress

    day = timezone.localtime(meeting.starts_at).date()
    standings = []
    for plan in Plan.objects.filter(
        status=PlanStatus.ADOPTED, starts_on__lte=day, ends_on__gte=day
    ):
        progress = plan_progress(plan)
        late = sum(1 for o in progress.objectives for a in o.actions if a.is_late(day))
        url = reverse("plans:follow_up", kwargs={"pk": plan.pk}) + f"?on={day.isoformat()}"
        standings.append(PlanStanding(plan, progress.progress, late, url))
    return standings
