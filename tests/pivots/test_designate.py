from datetime import date

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.organisations.models import Membership, Role
from filet.pivots.models import Designation, PivotContact
from tests.conftest import login, make_person
from tests.pivots.builders import milieu, stage, territory

pytestmark = pytest.mark.django_db


def _post(p, **extra):
    data = {
        "pivot": p.worker.pk,
        "level": "primary",
        "stages": [stage("prevention").pk, stage("detection").pk],
        "territories": [territory("limoilou").pk],
        "milieux": [milieu(p).pk],
        "languages": ["fr", "en"],
        "valid_from": "2026-01-05",
        "valid_until": "2026-12-31",
        "work_phone": "418 555-0100",
        "work_email": "travail@test.example",
        "day0_starts": "08:30",
        "day0_ends": "16:30",
    }
    data.update(extra)
    return data


def test_representative_designates_a_worker_who_becomes_pivot(client, personas):
    p = personas
    login(client, p.representative)
    response = client.post(reverse("pivots:designate", args=[p.org_a.pk]), _post(p))
    designation = Designation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == designation.get_absolute_url()
    assert (designation.pivot, designation.level, designation.languages) == (
        p.worker,
        "primary",
        ["en", "fr"],
    )
    assert designation.valid_until == date(2026, 12, 31)
    assert sorted(s.code for s in designation.stages.all()) == ["detection", "prevention"]
    assert [(s.weekday, str(s.starts), str(s.ends)) for s in designation.slots.all()] == [
        (0, "08:30:00", "16:30:00")
    ]
    assert PivotContact.objects.get(user=p.worker).work_phone == "418 555-0100"
    assert Membership.objects.current().filter(user=p.worker, role=Role.PIVOT).count() == 1
    assert AuditEntry.objects.filter(action="pivot.designated").count() == 1


def test_bad_input_comes_back_with_what_was_typed_and_nothing_written(client, personas):
    p = personas
    login(client, p.representative)
    bad = _post(p, valid_until="2025-01-01", day0_ends="", work_phone="418 555-0199")
    response = client.post(reverse("pivots:designate", args=[p.org_a.pk]), bad)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"valid_until", "day0_ends"}
    assert 'value="418 555-0199"' in response.content.decode()
    assert Designation.objects.count() == 0
    assert not Membership.objects.filter(user=p.worker, role=Role.PIVOT).exists()


def test_someone_outside_the_organisation_cannot_be_designated(client, personas):
    p = personas
    stranger = make_person("stranger@test.example", p.org_b, Role.WORKER)
    login(client, p.representative)
    response = client.post(
        reverse("pivots:designate", args=[p.org_a.pk]), _post(p, pivot=stranger.pk)
    )
    assert response.status_code == 400
    assert Designation.objects.count() == 0


def test_the_same_level_twice_is_refused_but_primary_and_backup_coexist(client, personas):
    p = personas
    login(client, p.representative)
    url = reverse("pivots:designate", args=[p.org_a.pk])
    assert client.post(url, _post(p)).status_code == 302
    assert client.post(url, _post(p)).status_code == 400
    assert client.post(url, _post(p, level="backup")).status_code == 302
    assert sorted(Designation.objects.values_list("level", flat=True)) == ["backup", "primary"]


@pytest.mark.parametrize("who, status", [("coordinator", 403), ("pivot", 403), ("outsider", 404)])
def test_others_change_nothing(client, personas, who, status):
    p = personas
    login(client, p.by_name(who))
    response = client.post(reverse("pivots:designate", args=[p.org_a.pk]), _post(p))
    assert response.status_code == status
    assert Designation.objects.count() == 0


def test_anonymous_goes_to_login(client, personas):
    response = client.get(reverse("pivots:designate", args=[personas.org_a.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
