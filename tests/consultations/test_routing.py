"""Automatic routing by territory, stage and language through who to call; nobody found
brings the form back with the text and who to call instead."""

import uuid

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from filet.consultations import actions
from filet.consultations.models import Consultation, RoutingKind
from filet.pivots.models import Level
from tests.conftest import login, make_person
from tests.consultations.builders import QUESTION, designation_of, topic, wanted
from tests.pivots.builders import stage, territory

pytestmark = pytest.mark.django_db
URL = reverse("consultations:ask")


def _form(**overrides):
    values = {
        "territory": territory().pk,
        "topic": topic().pk,
        "language": "fr",
        "urgency": "normal",
        "question": QUESTION,
        "submission": str(uuid.uuid4()),
    }
    values.update(overrides)
    return values


def test_routing_takes_the_best_hit_primary_before_backup(personas):
    p = personas
    backup = make_person("backup@test.example", p.org_a, "worker", mfa=False)
    designation_of(p, pivot=backup, level=Level.BACKUP)
    designation_of(p)
    made = actions.ask(wanted(p), by=p.worker, organisation=p.org_a, submission=uuid.uuid4())
    assert made.assignee == p.pivot
    assert made.routings.get().kind == RoutingKind.AUTOMATIC


def test_routing_follows_the_stage_and_the_language(personas):
    p = personas
    english = make_person("english@test.example", p.org_a, "worker", mfa=False)
    designation_of(p, stages=[stage("prevention")])
    designation_of(p, pivot=english, stages=[stage("support")], languages=["en"])
    made = actions.ask(
        wanted(p, stage=stage("support"), language="en"),
        by=p.worker,
        organisation=p.org_a,
        submission=uuid.uuid4(),
    )
    assert made.assignee == english


def test_a_pivot_asking_is_never_routed_to_themself(personas):
    p = personas
    designation_of(p)
    with pytest.raises(actions.NoPivot):
        actions.ask(wanted(p), by=p.pivot, organisation=p.org_a, submission=uuid.uuid4())


def test_nobody_found_keeps_the_text_and_says_who_to_call_instead(client, personas):
    p = personas
    login(client, p.worker)
    response = client.post(URL, _form())
    assert response.status_code == 200
    assert response.context["answer"].fallback == [p.table]
    assert escape(QUESTION) in response.content.decode()
    assert Consultation.objects.count() == 0


@time_machine.travel("2026-11-27 10:00 -0500", tick=False)
def test_asking_through_the_page_from_who_to_call(client, personas):
    p = personas
    chosen = designation_of(p)
    login(client, p.worker)
    page = client.get(URL, {"designation": chosen.pk})
    assert page.context["chosen"] == chosen
    assert page.context["form"].initial["territory"] == territory()
    response = client.post(URL, _form(designation=chosen.pk, urgency="urgent"))
    made = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert made.routings.get().kind == RoutingKind.CHOSEN
    assert made.due_at.isoformat() == "2026-11-28T04:59:59+00:00"


def test_who_to_call_offers_to_ask_each_pivot(client, personas):
    p = personas
    chosen = designation_of(p)
    login(client, p.worker)
    response = client.get(reverse("pivots:who_to_call"), {"territory": territory().pk})
    assert f"{URL}?designation={chosen.pk}" in response.content.decode()
    login(client, p.manager)
    response = client.get(reverse("pivots:who_to_call"), {"territory": territory().pk})
    assert f"{URL}?designation=" not in response.content.decode()
