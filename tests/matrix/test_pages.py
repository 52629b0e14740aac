"""The matrix pages: what they show, in both languages, and constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filet.matrix import actions
from filet.matrix.models import Cell, Stage
from filet.organisations.models import Organisation, OrganisationType
from tests.conftest import login
from tests.matrix.conftest import put

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_matrix_shows_letters_legend_and_gaps(client, filled):
    login(_english(client), filled.pivot)
    body = client.get(reverse("matrix:matrix")).content.decode()
    assert 'class="resp resp-lead"' in body
    assert '<span class="visually-hidden">Lead</span>' in body
    assert "Legend" in body
    assert "5 stages have no lead:" in body
    assert body.count('<span aria-hidden="true">⚠</span> No lead</span>') == 5
    # A pivot reads; no cell is a link to the editor.
    assert "/etapes/" in body and 'class="cell-link"' not in body


def test_representative_gets_edit_links_on_own_row_only(client, filled):
    login(client, filled.representative)
    body = client.get(reverse("matrix:matrix")).content.decode()
    stage = Stage.objects.get(code="prevention")
    own = reverse("matrix:edit_cell", kwargs={"pk": filled.org_a.pk, "stage_pk": stage.pk})
    other = reverse("matrix:edit_cell", kwargs={"pk": filled.org_b.pk, "stage_pk": stage.pk})
    assert own in body
    assert other not in body


def test_the_coordination_is_not_a_row(client, filled):
    login(client, filled.coordinator)
    body = client.get(reverse("matrix:matrix")).content.decode()
    assert "Organisme A" in body
    assert f'href="/matrice/partenaires/{filled.table.pk}/"' not in body


def test_draft_changes_since_adoption_are_counted(client, filled):
    actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    put(filled.org_b, "awareness", "lead", by=filled.coordinator)
    put(filled.org_a, "support", "", by=filled.coordinator)
    login(_english(client), filled.worker)
    body = client.get(reverse("matrix:matrix")).content.decode()
    assert "Last adopted by the Table: version 1, on June 12, 2025." in body
    assert "2 changes since" in body


def _organisations(count: int) -> None:
    stages = list(Stage.objects.all())
    start = Organisation.objects.count()
    for index in range(start, start + count):
        organisation = Organisation.objects.create(
            name_fr=f"Partenaire {index:03}", type=OrganisationType.COMMUNITY
        )
        Cell.objects.bulk_create(
            Cell(organisation=organisation, stage=stage, responsibility="contributes")
            for stage in stages
        )


@pytest.mark.parametrize("count", [5, 50])
def test_matrix_page_queries_do_not_grow_with_partners(
    client, personas, count, django_assert_max_num_queries
):
    _organisations(count)
    actions.adopt_matrix(by=personas.coordinator, adopted_on=datetime.date(2025, 6, 12))
    login(client, personas.representative)
    # The matrix itself takes four queries; the rest is the session and the shared layout.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("matrix:matrix"))
    assert response.content.decode().count('class="resp resp-contributes"') == count * 7


def test_matrix_page_takes_as_many_queries_for_50_partners_as_for_5(client, personas):
    login(client, personas.representative)
    client.get(reverse("matrix:matrix"))
    counts = []
    for count in (5, 45):
        _organisations(count)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("matrix:matrix"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("count", [5, 50])
def test_version_and_stage_pages_queries_are_constant(
    client, personas, count, django_assert_max_num_queries
):
    _organisations(count)
    actions.adopt_matrix(by=personas.coordinator, adopted_on=datetime.date(2025, 6, 12))
    login(client, personas.coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("matrix:version", kwargs={"number": 1})).status_code == 200
    stage = Stage.objects.get(code="support")
    with django_assert_max_num_queries(9):
        assert client.get(reverse("matrix:stage", kwargs={"pk": stage.pk})).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("matrix:compare") + "?de=1&a=draft").status_code == 200


def test_partner_page_lists_every_stage(client, filled):
    login(_english(client), filled.outsider)
    body = client.get(reverse("matrix:partner", kwargs={"pk": filled.org_a.pk})).content.decode()
    assert "Classroom workshops" in body
    assert body.count('<th scope="row">') == 7


def test_stage_page_marks_a_gap(client, filled):
    login(_english(client), filled.worker)
    stage = Stage.objects.get(code="support")
    body = client.get(reverse("matrix:stage", kwargs={"pk": stage.pk})).content.decode()
    assert "Gap: no partner leads this stage." in body
    assert "Organisation A" in body
    assert "Organisation B" not in body


def test_a_retired_stage_page_is_404(client, filled):
    stage = Stage.objects.get(code="support")
    stage.is_active = False
    stage.save()
    login(client, filled.worker)
    assert client.get(reverse("matrix:stage", kwargs={"pk": stage.pk})).status_code == 404


def test_compare_two_versions_in_english(client, filled):
    actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    put(
        filled.org_b, "investigation", "contributes", by=filled.coordinator, mandate="Code criminel"
    )
    actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 9, 1))
    login(_english(client), filled.worker)
    body = client.get(reverse("matrix:compare") + "?de=1&a=2").content.decode()
    assert "1 cell differs" in body
    assert "Responsibility changed" in body
    assert "Investigation and judicial process" in body


def test_compare_defaults_to_the_changes_since_the_latest_adoption(client, filled):
    actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    put(filled.org_b, "awareness", "consulted", by=filled.coordinator)
    login(_english(client), filled.worker)
    body = client.get(reverse("matrix:compare")).content.decode()
    assert "1 cell differs" in body
    assert "Added" in body


def test_compare_with_an_unknown_version_says_so(client, filled):
    login(_english(client), filled.worker)
    body = client.get(reverse("matrix:compare") + "?de=99&a=x").content.decode()
    assert "Choose two versions to compare." in body


def test_version_page_keeps_the_labels_it_was_adopted_with(client, filled):
    actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    stage = Stage.objects.get(code="prevention")
    values = {field: getattr(stage, field) for field in actions.STAGE_FIELDS}
    actions.save_stage(
        stage,
        by=filled.coordinator,
        values={**values, "label_en": "Primary prevention"},
        is_active=True,
    )
    login(_english(client), filled.worker)
    body = client.get(reverse("matrix:version", kwargs={"number": 1})).content.decode()
    assert ">Prevention" in body or "Prevention\n" in body
    assert "Primary prevention" not in body
    assert 'class="cell-link"' not in body


def test_cells_keep_their_markup_for_readers_and_editors(client, filled):
    login(client, filled.representative)
    body = client.get(reverse("matrix:matrix")).content.decode()
    prevention = Stage.objects.get(code="prevention")
    edit = reverse("matrix:edit_cell", kwargs={"pk": filled.org_a.pk, "stage_pk": prevention.pk})
    assert (
        f'<td class="resp resp-lead" title="Ateliers en classe">\n'
        f'        \n        <a class="cell-link" href="{edit}">\n'
        f'          <span aria-hidden="true">P</span><span class="visually-hidden">Pilote — '
        f"modifier: Organisme A, Prévention</span>\n"
    ) in body
    assert (
        '<td class="resp resp-lead">\n        <span aria-hidden="true">P</span>'
        '<span class="visually-hidden">Pilote</span>\n        \n      </td>'
    ) in body
    assert (
        '<td class="resp resp-none">\n        <span class="visually-hidden">aucune</span>\n'
        "      </td>"
    ) in body
