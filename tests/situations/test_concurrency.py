"""Two people edit the same situation: the second is told what changed, keeps their text,
and nothing is overwritten silently."""

import pytest
from django.test import Client
from django.urls import reverse

from filet.situations.models import Situation
from tests.conftest import login
from tests.situations.builders import open_situation, sector

pytestmark = pytest.mark.django_db


def _form(version: int, summary: str) -> dict:
    return {
        "age_band": "14_15", "gender": "girl", "sector": sector().pk, "milieu_type": "school",
        "dpj_report": "to_do", "summary": summary, "version": version,
    }  # fmt: skip


def test_the_second_writer_sees_what_changed_and_keeps_their_text(personas):
    p = personas
    situation = open_situation(p)
    url = reverse("situations:edit", args=[situation.code])
    first, second = login(Client(), p.pivot), login(Client(), p.representative)
    assert first.post(url, _form(1, "Résumé de la pivot.")).status_code == 302
    response = second.post(url, _form(1, "Résumé du représentant."))
    assert response.status_code == 409
    page = response.content.decode()
    assert "Résumé de la pivot." in page  # what the other person saved
    assert "Résumé du représentant." in page  # what this person typed, still in the form
    assert response.context["changes"][0][1:] == ("Résumé de la pivot.", "Résumé du représentant.")
    saved = Situation.objects.get()
    assert (saved.summary, saved.version) == ("Résumé de la pivot.", 2)
    # The form now carries the saved version: saving again is a deliberate choice.
    assert response.context["form"]["version"].value() == "2"
    assert second.post(url, _form(2, "Résumé du représentant.")).status_code == 302
    assert Situation.objects.get().summary == "Résumé du représentant."


def test_a_status_change_does_not_get_undone_by_an_edit(personas):
    from filet.situations import actions

    situation = open_situation(personas)
    actions.change_status(situation, by=personas.pivot, status="active")
    fresh = Situation.objects.get()
    data = actions.data_of(fresh, summary="Nouveau résumé.")
    actions.change_situation(fresh, by=personas.pivot, version=fresh.version, data=data)
    assert Situation.objects.get().status == "active"
