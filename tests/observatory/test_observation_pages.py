"""Raw observations: their own organisation only, every read audited, edits keep history."""

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.observatory.models import Observation, ObservationRevision
from filet.organisations.models import Role
from tests.conftest import login, make_person
from tests.observatory.builders import observation, term

pytestmark = pytest.mark.django_db


def _edit_form(obs, **overrides):
    data = {
        "month": obs.month.strftime("%Y-%m"),
        "sector": obs.sector_id,
        "milieu": obs.milieu_id,
        "source": obs.source_id,
        "confidence": obs.confidence_id,
        "youths": "4",
        "indicator_behaviour": [term("indicator", "school-absence").pk],
        "note": "",
        "version": str(obs.version),
    }
    data.update(overrides)
    return data


def test_detail_anonymous_is_sent_to_login(client, personas):
    obs = observation(personas)
    response = client.get(obs.get_absolute_url())
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["outsider", "coordinator", "manager", "worker", "researcher"])
def test_detail_is_404_outside_the_organisations_pivots_and_representative(client, personas, name):
    obs = observation(personas)
    login(client, personas.by_name(name))
    assert client.get(obs.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("observatory:edit", args=[obs.pk]), _edit_form(obs)).status_code == 404
    )
    assert Observation.objects.get().youths == 1
    assert not AuditEntry.objects.filter(action="observation.viewed").exists()


def test_the_representative_reads_and_the_read_is_audited(client, personas):
    obs = observation(personas)
    login(client, personas.representative)
    response = client.get(obs.get_absolute_url())
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="observation.viewed")
    assert (entry.actor, entry.target_id) == (personas.representative, str(obs.pk))


def test_another_pivot_of_the_organisation_reads_but_may_not_edit(client, personas):
    obs = observation(personas)
    colleague = make_person("pivot2@test.example", personas.org_a, Role.PIVOT)
    login(client, colleague)
    assert client.get(obs.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("observatory:edit", args=[obs.pk]), _edit_form(obs)).status_code == 403
    )
    assert Observation.objects.get().version == 1


def test_opening_the_edit_form_is_an_audited_read(client, personas):
    obs = observation(personas)
    login(client, personas.pivot)
    assert client.get(reverse("observatory:edit", args=[obs.pk])).status_code == 200
    assert AuditEntry.objects.filter(action="observation.viewed").count() == 1


def test_editing_keeps_every_former_state(client, personas):
    obs = observation(personas)
    login(client, personas.pivot)
    response = client.post(reverse("observatory:edit", args=[obs.pk]), _edit_form(obs))
    assert response.status_code == 302
    obs.refresh_from_db()
    assert (obs.youths, obs.version) == (4, 2)
    revisions = list(ObservationRevision.objects.filter(observation=obs).order_by("number"))
    assert [r.snapshot["youths"] for r in revisions] == [1, 4]
    assert AuditEntry.objects.filter(action="observation.changed").count() == 1


def test_a_concurrent_edit_is_refused_and_nothing_is_overwritten(client, personas):
    obs = observation(personas)
    login(client, personas.pivot)
    client.post(reverse("observatory:edit", args=[obs.pk]), _edit_form(obs))
    stale = _edit_form(obs, youths="9", version="1")
    response = client.post(reverse("observatory:edit", args=[obs.pk]), stale)
    assert response.status_code == 409
    assert Observation.objects.get().youths == 4


def test_the_list_shows_own_organisation_only_and_is_audited(client, personas):
    mine = observation(personas)
    outsider_pivot = make_person("pivot-b@test.example", personas.org_b, Role.PIVOT)
    from filet.observatory.actions import record_observations
    from tests.observatory.builders import entry

    theirs = record_observations([entry()], by=outsider_pivot, organisation=personas.org_b)[0]
    login(client, personas.pivot)
    response = client.get(reverse("observatory:observations"))
    assert response.status_code == 200
    assert [o.pk for o in response.context["page"]] == [mine.pk]
    assert theirs.pk != mine.pk
    assert AuditEntry.objects.filter(action="observation.listed").count() == 1


@pytest.mark.parametrize("count", [3, 30])
def test_list_queries_do_not_grow(client, personas, django_assert_max_num_queries, count):
    from filet.observatory.actions import record_observations
    from tests.observatory.builders import entry

    record_observations(
        [entry() for _ in range(count)], by=personas.pivot, organisation=personas.org_a
    )
    login(client, personas.pivot)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("observatory:observations")).status_code == 200
