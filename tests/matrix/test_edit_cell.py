"""Editing one cell of the working draft: the four access checks, bad input, conflicts."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filet.audit.models import AuditEntry
from filet.matrix.models import Cell
from tests.conftest import login
from tests.matrix.conftest import put, stage

pytestmark = pytest.mark.django_db


def _url(organisation, code="support"):
    return reverse("matrix:edit_cell", kwargs={"pk": organisation.pk, "stage_pk": stage(code).pk})


VALID = {
    "responsibility": "contributes",
    "description_fr": "Accompagnement",
    "description_en": "Support",
    "mandate": "Mission communautaire",
    "revision": "0",
}


def test_anonymous_is_sent_to_login(client, personas):
    response = client.post(_url(personas.org_a), VALID)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Cell.objects.count() == 0


@pytest.mark.parametrize("name", ["outsider", "pivot", "worker", "manager", "researcher"])
def test_who_does_not_represent_the_row_gets_403_and_nothing_changes(client, personas, name):
    put(personas.org_a, "support", "lead", by=personas.coordinator)
    login(client, personas.by_name(name))
    assert client.get(_url(personas.org_a)).status_code == 403
    response = client.post(_url(personas.org_a), {**VALID, "revision": "1"})
    assert response.status_code == 403
    assert list(Cell.objects.values_list("responsibility", flat=True)) == ["lead"]
    assert AuditEntry.objects.filter(action="matrix.cell_changed").count() == 1


def test_the_outsider_still_reads_the_row(client, personas):
    login(client, personas.outsider)
    response = client.get(reverse("matrix:partner", kwargs={"pk": personas.org_a.pk}))
    assert response.status_code == 200
    assert _url(personas.org_a) not in response.content.decode()


def test_representative_edits_own_row(client, personas):
    login(client, personas.representative)
    response = client.post(_url(personas.org_a), VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("matrix:partner", kwargs={"pk": personas.org_a.pk})
    cell = Cell.objects.get()
    assert (cell.organisation, cell.stage.code, cell.responsibility, cell.description_en) == (
        personas.org_a,
        "support",
        "contributes",
        "Support",
    )
    entry = AuditEntry.objects.get(action="matrix.cell_changed")
    assert (entry.actor, entry.organisation, entry.data["after"]) == (
        personas.representative,
        personas.org_a,
        "contributes",
    )


def test_coordinator_edits_any_row(client, personas):
    login(client, personas.coordinator)
    response = client.post(
        _url(personas.org_b, "investigation"), {**VALID, "responsibility": "lead"}
    )
    assert response.status_code == 302
    assert Cell.objects.get().organisation == personas.org_b


def test_an_organisation_outside_the_matrix_is_404(client, personas):
    login(client, personas.coordinator)
    url = reverse(
        "matrix:edit_cell", kwargs={"pk": personas.table.pk, "stage_pk": stage("support").pk}
    )
    assert client.get(url).status_code == 404


def test_bad_input_comes_back_with_what_was_typed(client, personas):
    login(client, personas.representative)
    client.cookies["django_language"] = "en"
    data = {**VALID, "responsibility": "", "description_fr": "Texte gardé"}
    response = client.post(_url(personas.org_a), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Texte gardé" in body
    assert "Choose a responsibility, or empty the description and the mandate." in body
    assert Cell.objects.count() == 0


def test_the_error_is_in_french_by_default(client, personas):
    login(client, personas.representative)
    data = {**VALID, "responsibility": "", "description_fr": "Texte gardé"}
    with translation.override("fr-ca"):
        expected = translation.gettext(
            "Choose a responsibility, or empty the description and the mandate."
        )
    body = client.post(_url(personas.org_a), data).content.decode()
    assert escape(expected) in body


def test_a_too_long_description_is_refused_in_english(client, personas):
    login(client, personas.representative)
    client.cookies["django_language"] = "en"
    response = client.post(_url(personas.org_a), {**VALID, "description_en": "x" * 301})
    assert response.status_code == 400
    assert "Ensure this value has at most 300 characters" in response.content.decode()
    assert Cell.objects.count() == 0


def test_a_second_editor_is_told_and_nothing_is_overwritten(client, personas):
    put(personas.org_a, "support", "lead", by=personas.coordinator, description_fr="Première")
    login(client, personas.representative)
    client.cookies["django_language"] = "en"
    response = client.post(_url(personas.org_a), {**VALID, "revision": "0"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone changed this cell while you were editing it." in body
    assert "Accompagnement" in body  # what was typed is kept
    assert Cell.objects.get().description_fr == "Première"
    # Saving again, knowingly, goes through.
    again = client.post(_url(personas.org_a), {**VALID, "revision": "1"})
    assert again.status_code == 302
    assert Cell.objects.get().description_fr == "Accompagnement"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["responsibility", "description_fr", "description_en", "mandate", "revision"]
        ),
        st.text(max_size=400),
    )
)
def test_no_input_makes_a_500(client, personas, data):
    login(client, personas.representative)
    response = client.post(_url(personas.org_a), data)
    assert response.status_code in {302, 400, 409}
