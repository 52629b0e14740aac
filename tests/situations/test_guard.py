"""The identifier guard stops a name, a phone number or an address in every free-text field
of the safety net, says where, and keeps what was typed."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from filet.situations.models import Note, Situation
from tests.conftest import login
from tests.situations.builders import open_situation, sector

pytestmark = pytest.mark.django_db

TYPED = "Jessica Tremblay a fugué; sa mère appelle au 418 555-0199 chaque soir."


def test_opening_with_a_name_and_a_phone_number_is_refused_and_the_text_kept(personas):
    client = login(Client(), personas.worker)
    response = client.post(reverse("situations:open"), {
        "age_band": "14_15", "gender": "girl", "sector": sector().pk, "milieu_type": "school",
        "dpj_report": "to_do", "summary": TYPED, "submission": str(uuid.uuid4()),
    })  # fmt: skip
    assert response.status_code == 400
    assert Situation.objects.count() == 0
    errors = response.context["form"].errors["summary"]
    assert any("Jessica Tremblay" in e for e in errors)
    assert any("418 555-0199" in e for e in errors)
    assert TYPED in response.content.decode().replace("&#x27;", "'")


def test_the_message_is_in_english_for_an_english_speaker(personas):
    client = login(Client(), personas.worker)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("situations:open"), {
        "age_band": "14_15", "gender": "girl", "sector": sector().pk, "milieu_type": "school",
        "dpj_report": "to_do", "summary": "Call her at 418 555-0199.",
    })  # fmt: skip
    assert "A phone number was found at character 13" in response.content.decode()


def test_a_note_with_an_address_comes_back_with_the_text(personas):
    situation = open_situation(personas)
    client = login(Client(), personas.pivot)
    typed = "Vue au 1234 rue Saint-Joseph hier soir."
    response = client.post(
        reverse("situations:note_add", args=[situation.code]),
        {"text": typed, "submission": str(uuid.uuid4())},
    )
    assert response.status_code == 400
    assert typed in response.content.decode()
    assert Note.objects.count() == 0


@pytest.mark.parametrize("field", ["dpj_reason", "alone_justification", "summary"])
def test_every_free_text_of_the_edit_form_is_guarded(personas, field):
    situation = open_situation(personas)
    client = login(Client(), personas.pivot)
    data = {
        "age_band": "14_15", "gender": "girl", "sector": sector().pk, "milieu_type": "school",
        "dpj_report": "not_required", "dpj_reason": "Déjà signalé par l'école.",
        "version": situation.version,
    }  # fmt: skip
    data[field] = "Écrire à jessy22@gmail.com"
    response = client.post(reverse("situations:edit", args=[situation.code]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Situation.objects.get().version == 1
