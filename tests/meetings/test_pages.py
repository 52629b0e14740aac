"""The meeting pages: the four access checks with their side effects, and query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from filet.meetings import actions
from filet.meetings.models import AgendaItem, Attendance, Meeting, MeetingSettings, Question
from filet.plans import actions as plan_actions
from tests.conftest import login
from tests.meetings.builders import (
    make_action,
    make_meeting,
    make_plan,
    make_question,
    make_resolution,
    seat,
)


def _form(**extra):
    start = timezone.localtime() + timedelta(days=10)
    return {
        "title": "Rencontre régulière",
        "starts_at": start.strftime("%Y-%m-%dT13:30"),
        "ends_at": start.strftime("%Y-%m-%dT16:00"),
        "place": "Salle du conseil",
        "video_link": "",
        **extra,
    }


class TestCreate:
    url = reverse("meetings:create")

    def test_anonymous_is_sent_to_login(self, client, personas):
        assert "/comptes/login/" in client.post(self.url, _form())["Location"]
        assert not Meeting.objects.exists()

    def test_outsider_gets_404(self, client, personas):
        seat(personas.org_a)
        login(client, personas.outsider)
        assert client.post(self.url, _form()).status_code == 404
        assert not Meeting.objects.exists()

    def test_member_gets_403(self, client, personas):
        seat(personas.org_a)
        login(client, personas.representative)
        assert client.post(self.url, _form()).status_code == 403
        assert not Meeting.objects.exists()

    def test_coordinator_plans_and_invites(self, client, personas):
        seat(personas.org_a)
        login(client, personas.coordinator)
        response = client.post(
            self.url, _form(organisations=[personas.org_a.pk], person=personas.researcher.pk)
        )
        meeting = Meeting.objects.get()
        assert response["Location"] == meeting.get_absolute_url()
        assert (meeting.title, meeting.place, meeting.sequence, meeting.duration_minutes) == (
            "Rencontre régulière",
            "Salle du conseil",
            0,
            150,
        )
        invited = {(i.organisation_id, i.person_id) for i in meeting.invitations.all()}
        assert invited == {(personas.org_a.pk, None), (None, personas.researcher.pk)}

    def test_bad_input_comes_back_with_the_text(self, client, personas):
        seat(personas.org_a)
        login(client, personas.coordinator)
        response = client.post(self.url, _form(place="", ends_at="2020-01-01T10:00"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Rencontre régulière" in html
        assert response.context["form"].errors.keys() == {"ends_at", "place"}
        assert not Meeting.objects.exists()


def test_person_invited_by_name_reads_that_meeting_only(client, personas):
    meeting = make_meeting(personas)
    other = make_meeting(personas)
    actions.invite(meeting, by=personas.coordinator, person=personas.researcher)
    login(client, personas.researcher)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_changing_date_or_place_raises_the_sequence(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.coordinator)
    url = reverse("meetings:edit", kwargs={"pk": meeting.pk})
    local = timezone.localtime(meeting.starts_at)
    same = {
        "title": meeting.title,
        "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "place": "Salle B",
        "video_link": "",
        "version": meeting.version,
    }
    assert client.post(url, same).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.place, meeting.sequence, meeting.version) == ("Salle B", 1, 2)
    stale = client.post(url, {**same, "place": "Salle C", "version": 1})
    assert stale.status_code == 409
    meeting.refresh_from_db()
    assert meeting.place == "Salle B"


def test_cancelling_sets_the_date_and_raises_the_sequence(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.representative)
    assert client.post(reverse("meetings:cancel", kwargs={"pk": meeting.pk})).status_code == 403
    login(client, personas.coordinator)
    client.post(reverse("meetings:cancel", kwargs={"pk": meeting.pk}))
    client.post(reverse("meetings:cancel", kwargs={"pk": meeting.pk}))
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    assert meeting.sequence == 1


def test_agenda_item_with_sub_item_and_document(client, personas):
    meeting = make_meeting(personas)
    login(client, personas.coordinator)
    url = reverse("meetings:agenda_add", kwargs={"pk": meeting.pk})
    client.post(
        url, {"title": "Suivi du plan", "presenter": "Coordination", "duration_minutes": "30"}
    )
    parent = AgendaItem.objects.get()
    response = client.post(
        url,
        {
            "title": "Rapport",
            "parent": parent.pk,
            "document_title": "Rapport de suivi",
            "document_link": "https://filet.example/rapport",
        },
    )
    assert response.status_code == 302
    child = AgendaItem.objects.get(parent=parent)
    assert (child.title, child.position) == ("Rapport", 1)
    assert list(child.documents.values_list("title", "link")) == [
        ("Rapport de suivi", "https://filet.example/rapport")
    ]
    page = client.get(meeting.get_absolute_url())
    assert "Rapport de suivi" in page.content.decode()


def test_attendance_and_quorum(client, personas):
    seat(personas.org_a, personas.org_b, personas.research)
    meeting = make_meeting(personas, starts_at=timezone.now() - timedelta(hours=1))
    actions.invite(meeting, by=personas.coordinator, organisation=personas.org_b)
    login(client, personas.coordinator)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    response = client.post(
        url, {f"org_{personas.org_a.pk}": "present", f"org_{personas.org_b.pk}": "excused"}
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("organisation__acronym", "status")) == {
        ("OA", "present"),
        ("OB", "excused"),
    }
    quorum = client.get(meeting.get_absolute_url()).context["quorum"]
    assert (quorum.members, quorum.present, quorum.required, quorum.reached) == (3, 1, 2, False)
    client.post(reverse("meetings:settings"), {"quorum_rule": "any"})
    assert MeetingSettings.load().quorum_rule == "any"
    quorum = client.get(meeting.get_absolute_url()).context["quorum"]
    assert (quorum.required, quorum.reached) == (0, True)


def test_answering_and_closing_a_question(client, personas):
    question = make_question(personas)
    login(client, personas.representative)
    url = reverse("meetings:question", kwargs={"pk": question.pk})
    data = {
        "answer": "Le CIUSSS s'en charge.",
        "answered_by": personas.coordinator.pk,
        "close": "on",
        "version": 1,
    }
    assert client.post(url, data).status_code == 403
    assert Question.objects.get().status == "open"
    login(client, personas.coordinator)
    assert client.post(url, data).status_code == 302
    answered = Question.objects.get()
    assert (answered.status, answered.answer, answered.answered_by) == (
        "closed",
        "Le CIUSSS s'en charge.",
        personas.coordinator,
    )
    assert answered.closed_at is not None


def test_closing_a_follow_up_takes_it_off_business_arising(client, personas):
    resolution = make_resolution(
        personas, make_meeting(personas, starts_at=timezone.now() - timedelta(days=3))
    )
    following = make_meeting(personas)
    login(client, personas.coordinator)
    assert [r.pk for r in client.get(following.get_absolute_url()).context["business_arising"]] == [
        resolution.pk
    ]
    client.post(reverse("meetings:resolution_close", kwargs={"pk": resolution.pk}))
    assert client.get(following.get_absolute_url()).context["business_arising"] == []


def _populate(personas, n):
    for i in range(n):
        meeting = make_meeting(personas, starts_at=timezone.now() - timedelta(days=10 * (i + 1)))
        actions.add_agenda_item(
            meeting, by=personas.coordinator, title="Point", documents=[("Doc", "")]
        )
        make_question(personas, meeting)
        make_resolution(personas, meeting)
        actions.save_minutes(meeting, by=personas.coordinator, text="Texte.", version=0)


@pytest.mark.parametrize("size", [2, 8])
def test_list_and_agenda_queries_stay_flat(client, personas, django_assert_max_num_queries, size):
    _populate(personas, size)
    plan, objective = make_plan(personas)
    adoption = make_resolution(personas)
    plan_actions.adopt_plan(plan, by=personas.coordinator, resolution=adoption)
    for _ in range(size):
        make_action(personas, objective, partners=[personas.org_b])
    upcoming = make_meeting(personas)
    parent = actions.add_agenda_item(upcoming, by=personas.coordinator, title="Point")
    actions.add_agenda_item(
        upcoming,
        by=personas.coordinator,
        title="Sous-point",
        parent=parent,
        documents=[("Doc", "")],
    )
    login(client, personas.representative)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("meetings:list")).status_code == 200
    with django_assert_max_num_queries(25):
        response = client.get(upcoming.get_absolute_url())
    assert len(response.context["carried_questions"]) == size
    assert len(response.context["business_arising"]) == size + 1  # and the plan's adoption
    assert [s.plan for s in response.context["plan_standing"]] == [plan]


def test_a_double_submit_records_one_resolution_one_question_one_meeting(client, personas):
    import uuid

    from filet.meetings.models import Resolution

    meeting = make_meeting(personas)
    login(client, personas.coordinator)
    key = str(uuid.uuid4())
    data = {
        "decision": "La Table adopte le plan.",
        "method": "consensus",
        "submission": key,
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    url = reverse("meetings:resolution_create", kwargs={"pk": meeting.pk})
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert list(Resolution.objects.values_list("number", flat=True)) == [1]
    question = {"text": "Quand ?", "submission": str(uuid.uuid4())}
    for _ in range(2):
        client.post(reverse("meetings:question_create", kwargs={"pk": meeting.pk}), question)
    assert Question.objects.count() == 1
    planned = _form(submission=str(uuid.uuid4()))
    for _ in range(2):
        client.post(reverse("meetings:create"), planned)
    assert Meeting.objects.count() == 2
