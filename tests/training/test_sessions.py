"""Scheduling, changing and cancelling sessions; the .ics download; invitations."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from filet.audit.models import AuditEntry
from filet.organisations.roles import Role
from filet.training import actions
from filet.training.models import Session
from tests.conftest import login
from tests.training import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(personas):
    return factories.module(personas.coordinator)


def _form(item, personas, **changes):
    data = {
        "module": item.pk,
        "starts_at": "2030-05-06T09:00",
        "ends_at": "2030-05-06T12:00",
        "mode": "in_person",
        "place": "Salle 204",
        "video_link": "",
        "capacity": "12",
        "trainers": [personas.pivot.pk],
    }
    return {**data, **changes}


def test_coordinator_schedules_a_session(client, personas, item):
    login(client, personas.coordinator)
    response = client.post(reverse("training:session_create"), _form(item, personas))
    session = Session.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert (session.version.number, session.capacity, list(session.trainers.all())) == (
        1,
        12,
        [personas.pivot],
    )
    assert session.starts_at == datetime.datetime(2030, 5, 6, 13, 0, tzinfo=datetime.UTC)


def test_bad_input_comes_back_with_what_was_typed(client, personas, item):
    login(client, personas.coordinator)
    data = _form(item, personas, ends_at="2030-05-06T08:00", mode="online", place="")
    response = client.post(reverse("training:session_create"), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"ends_at", "video_link"}
    assert 'value="12"' in response.content.decode()
    assert Session.objects.count() == 0


def test_worker_may_not_schedule(client, personas, item):
    login(client, personas.worker)
    response = client.post(reverse("training:session_create"), _form(item, personas))
    assert response.status_code == 403
    assert Session.objects.count() == 0


def test_edit_raises_the_sequence(client, personas, item):
    session = factories.session(item.versions.get(), personas.coordinator)
    login(client, personas.coordinator)
    data = _form(item, personas, place="Salle 310")
    response = client.post(reverse("training:session_edit", kwargs={"pk": session.pk}), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.place, session.sequence) == ("Salle 310", 1)


def test_a_second_editor_is_told(client, personas, item):
    session = factories.session(item.versions.get(), personas.coordinator)
    login(client, personas.coordinator)
    url = reverse("training:session_edit", kwargs={"pk": session.pk})
    client.post(url, _form(item, personas, place="Salle 310", revision="0"))
    response = client.post(url, _form(item, personas, place="Salle 999", revision="0"))
    assert response.status_code == 409
    session.refresh_from_db()
    assert (session.place, session.sequence) == ("Salle 310", 1)


def test_ics_download(client, personas, item):
    session = factories.session(item.versions.get(), personas.coordinator)
    login(client, personas.worker)
    response = client.get(reverse("training:session_ics", kwargs={"pk": session.pk}))
    assert response["Content-Disposition"] == f'attachment; filename="formation-{session.pk}.ics"'
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"training-session-{session.uid}@filet"
    assert event["DTSTART"].params["TZID"] == "America/Toronto"


def test_cancel_tells_the_registered(client, personas, item, django_capture_on_commit_callbacks):
    session = factories.session(item.versions.get(), personas.coordinator)
    actions.register(session, user=personas.worker, base_url=factories.BASE_URL, notify=False)
    login(client, personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training:session_cancel", kwargs={"pk": session.pk}))
    session.refresh_from_db()
    assert (session.is_cancelled, session.sequence) == (True, 1)
    assert [m.to for m in mail.outbox] == [["worker@test.example"]]
    assert "STATUS:CANCELLED" in mail.outbox[0].attachments[0][1]


def test_invite_those_not_current(client, personas, item, django_capture_on_commit_callbacks):
    actions.require_module(item, role=Role.PIVOT, by=personas.coordinator)
    session = factories.session(item.versions.get(), personas.coordinator)
    login(client, personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training:invite", kwargs={"pk": session.pk}))
    assert [m.to for m in mail.outbox] == [["pivot@test.example"]]
    assert AuditEntry.objects.get(action="training.invitations_sent").data == {"count": 1}


def test_sessions_list_query_count_is_flat(client, personas, item, django_assert_max_num_queries):
    login(client, personas.worker)
    client.get(reverse("training:sessions"))  # the session's first request loads more
    counts = []
    for count in (1, 10):
        for _n in range(count):
            factories.session(item.versions.get(), personas.coordinator)
        with django_assert_max_num_queries(15) as queries:
            response = client.get(reverse("training:sessions"))
        assert len(response.context["sessions"]) == 1 + (10 if count == 10 else 0)
        counts.append(len(queries))
    assert counts[0] == counts[1]
