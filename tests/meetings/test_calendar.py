"""The contract with the calendars app: meetings_for(user) and the iCalendar fields."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from filet.meetings import actions
from filet.meetings.calendar import meetings_for
from tests.meetings.builders import make_meeting


def test_meetings_for_lists_invitations_by_organisation_and_by_name(personas):
    by_organisation = make_meeting(personas, starts_at=timezone.now() + timedelta(days=2))
    by_name = make_meeting(personas, starts_at=timezone.now() + timedelta(days=1))
    actions.invite(by_name, by=personas.coordinator, person=personas.researcher)
    actions.invite(by_name, by=personas.coordinator, organisation=personas.org_b)
    cancelled = actions.cancel_meeting(make_meeting(personas), by=personas.coordinator)
    assert list(meetings_for(personas.pivot)) == [by_name, by_organisation, cancelled]
    assert list(meetings_for(personas.researcher)) == [by_name]
    assert list(meetings_for(personas.outsider)) == [by_name]
    assert list(meetings_for(personas.coordinator)) == []
    assert list(meetings_for(AnonymousUser())) == []


def test_uid_is_stable_and_sequence_counts_calendar_changes(personas):
    meeting = make_meeting(personas)
    uid = meeting.uid
    meeting = actions.update_meeting(
        meeting, by=personas.coordinator, version=1, title=meeting.title
    )
    assert meeting.sequence == 0
    meeting = actions.update_meeting(meeting, by=personas.coordinator, version=1, place="Salle B")
    meeting = actions.update_meeting(
        meeting,
        by=personas.coordinator,
        version=2,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
    )
    meeting = actions.cancel_meeting(meeting, by=personas.coordinator)
    assert (meeting.uid, meeting.sequence, meeting.version) == (uid, 3, 4)
    assert meeting.get_absolute_url() == f"/reunions/{meeting.pk}/"
