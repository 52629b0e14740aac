"""Two people acting on one consultation: the second is told, nothing is overwritten; a
double click or a retried POST never duplicates anything."""

import uuid

import pytest
from django.urls import reverse

from filet.consultations import actions
from filet.consultations.models import Consultation, Message, Routing, Status
from tests.conftest import login
from tests.consultations.builders import consultation, wanted

pytestmark = pytest.mark.django_db


def test_a_stale_version_is_refused_and_changes_nothing(personas):
    p = personas
    made = consultation(p)
    seen = made.version
    actions.accept(made, by=p.pivot, version=seen)
    with pytest.raises(actions.StaleConsultation) as stale:
        actions.answer(
            made, by=p.representative, version=seen, text="Réponse.", submission=uuid.uuid4()
        )
    assert stale.value.current.status == Status.ACCEPTED
    assert Message.objects.count() == 0


def test_the_second_writer_sees_the_current_state_and_keeps_their_text(client, personas):
    p = personas
    made = consultation(p)
    actions.withdraw(made, by=p.worker, version=made.version)
    login(client, p.pivot)
    response = client.post(
        reverse("consultations:answer", args=[made.pk]),
        {"version": made.version, "text": "Ma réponse détaillée.", "submission": uuid.uuid4()},
    )
    assert response.status_code == 409
    assert response.context["consultation"].status == Status.WITHDRAWN
    assert "Ma réponse détaillée." in response.content.decode()
    assert Message.objects.count() == 0


def test_a_double_submitted_answer_is_recorded_once(client, personas):
    p = personas
    made = consultation(p)
    login(client, p.pivot)
    data = {"version": made.version, "text": "Réponse.", "submission": uuid.uuid4()}
    url = reverse("consultations:answer", args=[made.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Message.objects.filter(consultation=made).count() == 1
    assert Consultation.objects.get(pk=made.pk).version == made.version + 1


def test_a_double_submitted_question_asks_once(personas):
    p = personas
    consultation(p)
    submission = uuid.uuid4()
    request = wanted(p, designation=Consultation.objects.get().routings.get().designation)
    one = actions.ask(request, by=p.worker, organisation=p.org_a, submission=submission)
    two = actions.ask(request, by=p.worker, organisation=p.org_a, submission=submission)
    assert one.pk == two.pk
    assert Consultation.objects.count() == 2


def test_accepting_twice_and_redirect_retried_change_nothing_more(personas):
    p = personas
    made = consultation(p)
    once = actions.accept(made, by=p.pivot, version=made.version)
    twice = actions.accept(made, by=p.pivot, version=made.version)
    assert once.version == twice.version == 2
    from tests.conftest import make_person
    from tests.consultations.builders import designation_of

    other = designation_of(p, pivot=make_person("c@test.example", p.org_a, "worker", mfa=False))
    submission = uuid.uuid4()
    for _attempt in range(2):
        actions.redirect(
            made,
            by=p.pivot,
            version=once.version,
            designation=other,
            reason="Secteur.",
            submission=submission,
        )
    assert Routing.objects.filter(consultation=made).count() == 2
