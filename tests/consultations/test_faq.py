"""The person who answered proposes the pair; the coordinator reviews the question and the
answer only (never the consultation), edits them and publishes an anonymous FAQ entry once."""

import uuid

import pytest
from django.urls import reverse

from filet.consultations import actions, faq
from filet.consultations.models import Consultation
from filet.resources.models import FaqEntry
from tests.conftest import login
from tests.consultations.builders import answered, consultation

pytestmark = pytest.mark.django_db
FORM = {
    "question_fr": "Quels signes noter avant d'en parler à la direction?",
    "answer_fr": "Notez les faits observés, sans interpréter.",
    "question_en": "What signs should be noted before telling the principal?",
    "answer_en": "Note the facts observed, without interpreting.",
}


def _proposed(p):
    made = answered(p)
    return faq.propose_faq(made, by=p.pivot, version=made.version)


def test_the_coordinator_reviews_edits_and_publishes_once(client, personas):
    p = personas
    made = _proposed(p)
    login(client, p.coordinator)
    assert client.get(reverse("consultations:detail", args=[made.pk])).status_code == 404
    queue = client.get(reverse("consultations:faq_queue"))
    assert reverse("consultations:faq_review", args=[made.pk]) in queue.content.decode()
    page = client.get(reverse("consultations:faq_review", args=[made.pk]))
    assert (
        page.context["form"].initial["answer_fr"] == "Notez les faits observés, sans interpréter."
    )
    assert p.worker.email not in page.content.decode()
    assert p.pivot.email not in page.content.decode()
    url = reverse("consultations:faq_review", args=[made.pk])
    response = client.post(url, FORM)
    assert response.status_code == 302
    entry = FaqEntry.objects.get()
    assert (entry.question_en, entry.is_published, entry.created_by) == (
        FORM["question_en"],
        True,
        p.coordinator,
    )
    assert Consultation.objects.get(pk=made.pk).faq_entry == entry
    assert client.post(url, FORM).status_code == 404
    assert FaqEntry.objects.count() == 1


def test_the_guard_applies_to_the_published_text(client, personas):
    p = personas
    made = _proposed(p)
    login(client, p.coordinator)
    named = {**FORM, "answer_fr": "Appelez Kevin Gagnon au 418 555-0123."}
    response = client.post(reverse("consultations:faq_review", args=[made.pk]), named)
    assert response.status_code == 400
    assert "Kevin Gagnon au 418 555-0123" in response.content.decode()
    assert FaqEntry.objects.count() == 0


def test_nothing_is_offered_before_an_answer_or_by_someone_who_did_not_answer(client, personas):
    p = personas
    made = consultation(p)
    with pytest.raises(actions.NotAllowed):
        faq.propose_faq(made, by=p.pivot, version=made.version)
    with pytest.raises(actions.NotAllowed):
        faq.publish_faq(made, by=p.coordinator, data=FORM)
    login(client, p.coordinator)
    assert client.get(reverse("consultations:faq_review", args=[made.pk])).status_code == 404
    done = answered(p)
    login(client, p.worker)
    response = client.post(
        reverse("consultations:propose_faq", args=[done.pk]), {"version": done.version}
    )
    assert response.status_code == 403
    assert Consultation.objects.get(pk=done.pk).faq_proposed_at is None
    login(client, p.pivot)
    response = client.post(
        reverse("consultations:propose_faq", args=[done.pk]),
        {"version": done.version, "submission": uuid.uuid4()},
    )
    assert response.status_code == 302
    assert Consultation.objects.get(pk=done.pk).faq_proposed_at is not None


def test_the_propose_button_shows_to_exactly_those_the_post_accepts(client, personas):
    """One rule for the button and the POST: who answered, or who handles it now (the pivot
    it is routed to and their organisation's representative); never the requester."""
    p = personas
    page = "consultations:detail"
    for person, expected in [(p.worker, False), (p.representative, True), (p.pivot, True)]:
        done = answered(p)
        login(client, person)
        shown = (
            reverse("consultations:propose_faq", args=[done.pk])
            in client.get(reverse(page, args=[done.pk])).content.decode()
        )
        response = client.post(
            reverse("consultations:propose_faq", args=[done.pk]),
            {"version": done.version, "submission": uuid.uuid4()},
        )
        proposed = Consultation.objects.get(pk=done.pk).faq_proposed_at is not None
        assert (shown, proposed) == (expected, expected), person
        assert response.status_code == (302 if expected else 403)
