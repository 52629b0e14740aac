from django.urls import reverse

from filet.plans.models import Action, ProgressNote
from tests.conftest import login, make_person
from tests.meetings.builders import make_action, seat


def _post(client, action, **extra):
    data = {
        "status": "in_progress",
        "progress": "35",
        "note": "Rencontre tenue.",
        "version": action.version,
        **extra,
    }
    return client.post(reverse("plans:action_update", kwargs={"pk": action.pk}), data)


def test_anonymous_is_sent_to_login(personas, client):
    action = make_action(personas)
    response = _post(client, action)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert Action.objects.get().progress == 0


def test_outsider_gets_404(personas, client):
    action = make_action(personas)
    login(client, personas.outsider)
    assert _post(client, action).status_code == 404
    assert Action.objects.get().progress == 0


def test_representative_of_another_seated_organisation_gets_403(personas, client):
    action = make_action(personas)
    seat(personas.org_b)
    login(client, personas.outsider)
    assert client.get(action.get_absolute_url()).status_code == 200
    assert _post(client, action).status_code == 403
    assert Action.objects.get().progress == 0


def test_pivot_of_the_responsible_organisation_reads_but_gets_403(personas, client):
    action = make_action(personas)
    login(client, personas.pivot)
    assert _post(client, action).status_code == 403
    assert not ProgressNote.objects.exists()


def test_representative_reports_progress_with_a_note(personas, client):
    action = make_action(personas)
    login(client, personas.representative)
    response = _post(client, action)
    assert response.status_code == 302
    updated = Action.objects.get()
    assert (updated.status, updated.progress, updated.version) == ("in_progress", 35, 2)
    assert list(ProgressNote.objects.values_list("author", "text", "progress")) == [
        (personas.representative.pk, "Rencontre tenue.", 35)
    ]


def test_second_writer_is_told_and_nothing_is_overwritten(personas, client):
    action = make_action(personas)
    login(client, personas.representative)
    _post(client, action)
    response = _post(client, action, progress="90")
    assert response.status_code == 409
    assert Action.objects.get().progress == 35


def test_progress_outside_0_100_comes_back_with_an_error(personas, client):
    action = make_action(personas)
    login(client, personas.representative)
    response = _post(client, action, progress="140")
    assert response.status_code == 400
    assert 'value="140"' in response.content.decode()
    assert Action.objects.get().progress == 0


def test_identifiers_in_notes_are_refused(personas, client):
    action = make_action(personas)
    login(client, personas.representative)
    response = _post(client, action, note="Le jeune joint au 418-555-0199.")
    assert response.status_code == 400
    assert not ProgressNote.objects.exists()


def test_a_representative_in_two_organisations_updates_both(personas, client):
    person = make_person("double@test.example", personas.org_a, "representative")
    action = make_action(personas)
    login(client, person)
    assert _post(client, action).status_code == 302
