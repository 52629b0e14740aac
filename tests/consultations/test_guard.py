"""Every free text of a consultation goes through the identifier guard; the form comes back
with what the person typed."""

import uuid

import pytest
from django.urls import reverse

from filet.consultations.models import Consultation, Message
from tests.conftest import login
from tests.consultations.builders import consultation, designation_of, topic
from tests.pivots.builders import territory

pytestmark = pytest.mark.django_db
NAMED = "Jessica Tremblay, 14 ans, appelle au 418 555-0199 le soir."


def test_a_question_naming_a_youth_is_refused_and_kept(client, personas):
    p = personas
    designation_of(p)
    login(client, p.worker)
    response = client.post(
        reverse("consultations:ask"),
        {
            "territory": territory().pk,
            "topic": topic().pk,
            "language": "fr",
            "urgency": "normal",
            "question": NAMED,
            "submission": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["question"]
    assert any("418 555-0199" in error for error in errors)
    assert NAMED in response.content.decode()
    assert Consultation.objects.count() == 0


@pytest.mark.parametrize(
    ("url_name", "who", "field"),
    [("consultations:answer", "pivot", "text"), ("consultations:ask_back", "pivot", "text")],
)
def test_messages_are_guarded(client, personas, url_name, who, field):
    p = personas
    made = consultation(p)
    login(client, p.by_name(who))
    text = "Écrivez à jade.roy@example.com pour la suite."
    response = client.post(
        reverse(url_name, args=[made.pk]),
        {"version": made.version, field: text, "submission": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert Message.objects.count() == 0


def test_a_rating_comment_is_guarded(client, personas):
    from filet.consultations import actions

    p = personas
    made = consultation(p)
    made = actions.answer(
        made, by=p.pivot, version=made.version, text="Réponse.", submission=uuid.uuid4()
    )
    login(client, p.worker)
    response = client.post(
        reverse("consultations:rate", args=[made.pk]),
        {"version": made.version, "rating": "useful", "comment": "Merci, son code postal G1K 3A5"},
    )
    assert response.status_code == 400
    assert Consultation.objects.get(pk=made.pk).rating == ""
