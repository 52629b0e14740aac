"""What the calendars app needs from meetings: the meetings a person is invited to."""

from django.db.models import Q

from filet.accounts.models import User
from filet.meetings.models import Meeting, MeetingQuerySet


def meetings_for(user: User) -> MeetingQuerySet:
    """Meetings the person is invited to, personally or through one of their current
    organisations; cancelled ones included (a feed must send the cancellation)."""
    if not user.is_authenticated:
        return Meeting.objects.none()
    invited = Q(invitations__person=user) | Q(
        invitations__organisation_id__in=user.organisation_ids()
    )
    return Meeting.objects.filter(pk__in=Meeting.objects.filter(invited).values("pk")).order_by(
        "starts_at"
    )
