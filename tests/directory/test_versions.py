"""Versions of a profile: listed, compared field by field, confidential lines kept apart."""

import pytest
from django.urls import reverse

from filet.directory import actions, snapshots
from filet.directory.models import Location, ProfileVersion
from tests.conftest import login


def _save(profile, by, **fields):
    for name, value in fields.items():
        setattr(profile, name, value)
    territories = list(profile.territories.all())
    return actions.save_profile(profile, by=by, organisation_fields={}, territories=territories)


@pytest.mark.django_db
class TestVersions:
    def test_every_save_is_a_numbered_version_with_its_author(self, org_a_profile, personas):
        _save(org_a_profile, personas.coordinator, mission_en="New")
        versions = ProfileVersion.objects.filter(profile=org_a_profile).order_by("number")
        assert [(v.number, v.created_by) for v in versions] == [
            (1, personas.representative),
            (2, personas.coordinator),
        ]

    def test_the_diff_shows_changed_fields_only(self, org_a_profile, personas):
        old = ProfileVersion.objects.get(profile=org_a_profile, number=1).snapshot
        new = _save(org_a_profile, personas.representative, mission_en="Line one\nLine two")
        changes = snapshots.compare(old, new.snapshot, confidential=False)
        assert [change.key for change in changes] == ["profile.mission_en"]
        assert changes[0].lines == [
            ("removed", "Preventing sexual exploitation at school"),
            ("added", "Line one"),
            ("added", "Line two"),
        ]

    def test_a_confidential_location_is_left_out_of_an_outsiders_diff(
        self, org_a_profile, personas
    ):
        first = ProfileVersion.objects.get(profile=org_a_profile, number=1).snapshot
        Location.objects.filter(is_confidential=True).update(address_1="1, rue Secrète")
        second = _save(org_a_profile, personas.representative).snapshot
        outside = snapshots.compare(first, second, confidential=False)
        inside = snapshots.compare(first, second, confidential=True)
        assert all("Secrète" not in text for c in outside for _kind, text in c.lines)
        assert any("Secrète" in text for c in inside for _kind, text in c.lines)

    def test_the_version_page_for_an_outsider_hides_the_shelter(
        self, client, org_a_profile, personas
    ):
        login(client, personas.outsider)
        url = reverse("directory:version", args=[personas.org_a.pk, 1])
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "Jardins-Cachés" not in content
        assert "Saint-Vallier" in content

    def test_the_version_page_for_a_colleague_shows_it(self, client, org_a_profile, personas):
        login(client, personas.pivot)
        response = client.get(reverse("directory:version", args=[personas.org_a.pk, 1]))
        assert "Jardins-Cachés" in response.content.decode()

    def test_a_version_that_does_not_exist_is_404(self, client, org_a_profile, personas):
        login(client, personas.coordinator)
        response = client.get(reverse("directory:version", args=[personas.org_a.pk, 9]))
        assert response.status_code == 404

    def test_the_list_names_who_and_when(self, client, org_a_profile, personas):
        login(client, personas.worker)
        response = client.get(reverse("directory:versions", args=[personas.org_a.pk]))
        assert personas.representative.full_name in response.content.decode()

    def test_compare_with_a_chosen_version(self, client, org_a_profile, personas):
        _save(org_a_profile, personas.representative, mission_en="Two")
        _save(org_a_profile, personas.representative, mission_en="Three")
        login(client, personas.worker)
        url = reverse("directory:version", args=[personas.org_a.pk, 3])
        response = client.get(url, {"avec": 1})
        assert response.context["other"].number == 1
        keys = [change.key for change in response.context["changes"]]
        assert keys == ["profile.mission_en"]
