import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.pivots.models import Absence, Designation, Milieu
from tests.conftest import login
from tests.pivots.builders import designation, stage, territory

pytestmark = pytest.mark.django_db


def _form(version, **overrides):
    data = {
        "version": version,
        "level": "backup",
        "stages": [stage("support").pk],
        "territories": [territory("vanier").pk],
        "languages": ["en"],
        "valid_from": "2026-01-01",
    }
    data.update(overrides)
    return data


def test_the_representative_changes_a_designation(client, personas):
    made = designation(personas)
    login(client, personas.representative)
    url = reverse("pivots:designation_edit", args=[made.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, _form(made.version)).status_code == 302
    made.refresh_from_db()
    assert (made.level, made.languages, made.version) == ("backup", ["en"], 2)
    assert [s.code for s in made.stages.all()] == ["support"]


def test_the_second_writer_is_told_and_nothing_is_overwritten(client, personas):
    made = designation(personas)
    login(client, personas.representative)
    url = reverse("pivots:designation_edit", args=[made.pk])
    client.post(url, _form(1))
    response = client.post(url, _form(1, languages=["fr"]))
    assert response.status_code == 400
    assert Designation.objects.get().languages == ["en"]


def test_a_colleague_may_look_but_not_change(client, personas):
    made = designation(personas)
    login(client, personas.worker)
    assert client.get(made.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("pivots:designation_edit", args=[made.pk]), _form(1)).status_code == 403
    )
    assert client.post(reverse("pivots:designation_withdraw", args=[made.pk])).status_code == 403
    assert Designation.objects.get().withdrawn_at is None


def test_withdraw_confirm_and_absence(client, personas):
    made = designation(personas)
    login(client, personas.representative)
    absence = client.post(
        reverse("pivots:absence_add", args=[made.pk]),
        {"starts_on": "2026-07-01", "ends_on": "2026-07-15"},
    )
    assert absence.status_code == 302
    assert [(str(a.starts_on), str(a.ends_on)) for a in Absence.objects.all()] == [
        ("2026-07-01", "2026-07-15")
    ]
    bad = client.post(
        reverse("pivots:absence_add", args=[made.pk]),
        {"starts_on": "2026-07-15", "ends_on": "2026-07-01"},
    )
    assert bad.status_code == 400
    assert Absence.objects.count() == 1
    assert client.post(reverse("pivots:designation_confirm", args=[made.pk]), {"next": "board"})[
        "Location"
    ] == reverse("pivots:board")
    assert client.post(reverse("pivots:designation_withdraw", args=[made.pk])).status_code == 302
    assert Designation.objects.get().withdrawn_at is not None
    logged = AuditEntry.objects.filter(action__startswith="pivot.").order_by("seq")
    assert list(logged.values_list("action", flat=True)) == [
        "pivot.designated", "pivot.absence_added", "pivot.confirmed", "pivot.withdrawn",
    ]  # fmt: skip


def test_the_representative_names_a_milieu_once(client, personas):
    p = personas
    login(client, p.representative)
    url = reverse("pivots:milieux", args=[p.org_a.pk])
    data = {"name": "École secondaire du Phare", "type": "school", "territory": territory().pk}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400
    assert list(Milieu.objects.values_list("name", "organisation")) == [
        ("École secondaire du Phare", p.org_a.pk)
    ]


def test_the_partner_profile_lists_its_pivots(client, personas):
    p = personas
    designation(p)
    login(client, p.outsider)
    response = client.get(reverse("organisations:detail", args=[p.org_a.pk]))
    assert response.status_code == 200
    assert p.pivot.full_name in response.content.decode()
    assert (
        reverse("pivots:designation", args=[Designation.objects.get().pk])
        in response.content.decode()
    )
