"""The Table's chain, end to end through the pages: a meeting takes a question and a
resolution that creates two actions for two partners; the previous minutes are adopted; the
next meeting's agenda shows the open question, the business arising and the plan's progress."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from filet.meetings import actions
from filet.meetings.models import Minutes, MinutesStatus, Question, Resolution
from filet.plans.models import Action
from tests.conftest import login
from tests.meetings.builders import make_meeting, make_plan, seat


def test_meeting_decision_plan_and_next_agenda(personas, client):
    p = personas
    seat(p.org_a, p.org_b)
    previous = make_meeting(
        p, starts_at=timezone.now() - timedelta(days=40), title="Rencontre de septembre"
    )
    minutes = actions.save_minutes(previous, by=p.coordinator, text="Ouverture.", version=0)
    actions.circulate_minutes(minutes, by=p.coordinator)
    today = make_meeting(
        p, starts_at=timezone.now() - timedelta(hours=3), title="Rencontre d'octobre"
    )
    following = make_meeting(
        p, starts_at=timezone.now() + timedelta(days=30), title="Rencontre de novembre"
    )
    plan, objective = make_plan(p)
    login(client, p.coordinator)

    response = client.post(
        reverse("meetings:question_create", kwargs={"pk": today.pk}),
        {
            "text": "Qui joint les pivots le soir ?",
            "organisation": p.org_b.pk,
            "asked_by": p.outsider.pk,
        },
    )
    assert response.status_code == 302
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    response = client.post(
        reverse("meetings:resolution_create", kwargs={"pk": today.pk}),
        {
            "decision": "La Table met en place une liste de garde des pivots.",
            "method": "vote",
            "votes_for": "8",
            "votes_against": "1",
            "abstentions": "2",
            "follow_up_organisation": p.org_a.pk,
            "due_on": due,
            "actions-TOTAL_FORMS": "2",
            "actions-INITIAL_FORMS": "0",
            "actions-0-objective": objective.pk,
            "actions-0-title": "Publier la liste de garde",
            "actions-0-organisation": p.org_a.pk,
            "actions-0-due_on": due,
            "actions-1-objective": objective.pk,
            "actions-1-title": "Informer les patrouilles",
            "actions-1-organisation": p.org_b.pk,
            "actions-1-due_on": due,
        },
    )
    resolution = Resolution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resolution.get_absolute_url()
    year = timezone.localtime(today.starts_at).year
    assert (
        resolution.code,
        resolution.votes_for,
        resolution.votes_against,
        resolution.abstentions,
    ) == (
        f"{year}-01",
        8,
        1,
        2,
    )
    created = list(
        Action.objects.order_by("code").values_list(
            "code", "title_fr", "responsible__acronym", "resolution"
        )
    )
    assert created == [
        ("1.1", "Publier la liste de garde", "OA", resolution.pk),
        ("1.2", "Informer les patrouilles", "OB", resolution.pk),
    ]

    response = client.post(
        reverse("meetings:minutes_adopt", kwargs={"pk": today.pk, "minutes_pk": minutes.pk})
    )
    assert response.status_code == 302
    adopted = Minutes.objects.get(pk=minutes.pk)
    assert (adopted.status, adopted.adopted_at_meeting) == (MinutesStatus.ADOPTED, today)

    # The representative of A reports progress on A's action; it shows on the next agenda.
    action_a = Action.objects.get(code="1.1")
    login(client, p.representative)
    response = client.post(
        reverse("plans:action_update", kwargs={"pk": action_a.pk}),
        {
            "status": "in_progress",
            "progress": "40",
            "note": "Liste en préparation.",
            "version": action_a.version,
        },
    )
    assert response.status_code == 302

    page = client.get(following.get_absolute_url())
    assert page.status_code == 200
    assert [q.text for q in page.context["carried_questions"]] == ["Qui joint les pivots le soir ?"]
    assert [r.code for r in page.context["business_arising"]] == [f"{year}-01"]
    arising = page.context["business_arising"][0]
    assert sorted((a.code, a.progress) for a in arising.plan_actions.all()) == [
        ("1.1", 40),
        ("1.2", 0),
    ]
    html = page.content.decode()
    assert "Qui joint les pivots le soir ?" in html
    assert "Publier la liste de garde" in html
    assert page.context["minutes_to_adopt"] == []

    # Closing the question takes it off the next agenda, not off the record of that day.
    question = Question.objects.get()
    actions.answer_question(
        question,
        by=p.coordinator,
        version=question.version,
        answer="Le CIUSSS.",
        answered_by=p.coordinator,
        close=True,
    )
    login(client, p.coordinator)
    later = make_meeting(p, starts_at=timezone.now() + timedelta(days=60))
    assert client.get(later.get_absolute_url()).context["carried_questions"] == []
