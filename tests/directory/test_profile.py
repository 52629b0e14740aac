"""The partner page and its edit page: who reads, who edits, what is kept."""

import pytest
from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.directory.models import Location, Profile, ProfileVersion, Service
from tests.conftest import login

SHELTER = "88, rue des Jardins-Cachés"


def _edit_data(profile, **changes):
    """What the edit page posts for org A as it stands, with `changes` applied."""
    organisation = profile.organisation
    data = {
        "org-name_fr": organisation.name_fr,
        "org-name_en": organisation.name_en,
        "org-acronym": organisation.acronym,
        "org-type": organisation.type,
        "profile-revision": profile.revision,
        "profile-privacy_regime": profile.privacy_regime,
        "profile-mission_fr": profile.mission_fr,
        "profile-mission_en": profile.mission_en,
        "profile-email": profile.email,
        "profile-territories": [t.pk for t in profile.territories.all()],
    }
    for prefix in ("services", "locations", "phones", "emails"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return data | changes


@pytest.mark.django_db
class TestReading:
    def test_anonymous_is_sent_to_login(self, client, org_a_profile, personas):
        response = client.get(reverse("organisations:detail", args=[personas.org_a.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_outsider_reads_the_profile_but_never_the_confidential_address(
        self, client, org_a_profile, personas
    ):
        login(client, personas.outsider)
        response = client.get(reverse("organisations:detail", args=[personas.org_a.pk]))
        content = response.content.decode()
        assert response.status_code == 200
        assert "Prévention de l&#x27;exploitation sexuelle à l&#x27;école" in content
        assert "410, rue Saint-Vallier Est" in content
        assert SHELTER not in content
        assert "Jardins-Cachés" not in content

    def test_coordinator_is_outside_the_organisation_too(self, client, org_a_profile, personas):
        login(client, personas.coordinator)
        response = client.get(reverse("organisations:detail", args=[personas.org_a.pk]))
        assert SHELTER not in response.content.decode()

    def test_a_colleague_sees_the_confidential_address(self, client, org_a_profile, personas):
        login(client, personas.worker)
        response = client.get(reverse("organisations:detail", args=[personas.org_a.pk]))
        assert SHELTER in response.content.decode()

    def test_an_inactive_partner_does_not_exist(self, client, personas):
        personas.org_b.is_active = False
        personas.org_b.save(update_fields=["is_active"])
        login(client, personas.coordinator)
        response = client.get(reverse("organisations:detail", args=[personas.org_b.pk]))
        assert response.status_code == 404

    def test_the_page_reads_in_english(self, client, org_a_profile, personas):
        login(client, personas.outsider)
        client.cookies["django_language"] = "en"
        response = client.get(
            reverse("organisations:detail", args=[personas.org_a.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
        assert response.status_code == 200


@pytest.mark.django_db
class TestEditing:
    def url(self, personas):
        return reverse("directory:profile_edit", args=[personas.org_a.pk])

    def test_anonymous_is_sent_to_login(self, client, personas):
        response = client.post(self.url(personas), {})
        assert response["Location"].startswith(reverse("account_login"))

    @pytest.mark.parametrize("persona", ["outsider", "pivot", "worker", "researcher"])
    def test_others_get_403_and_nothing_changes(self, client, org_a_profile, personas, persona):
        login(client, getattr(personas, persona))
        data = _edit_data(org_a_profile, **{"profile-mission_fr": "Pirate"})
        response = client.post(self.url(personas), data)
        assert response.status_code == 403
        org_a_profile.refresh_from_db()
        assert org_a_profile.mission_fr == "Prévention de l'exploitation sexuelle à l'école"
        assert ProfileVersion.objects.count() == 1

    def test_representative_saves_a_new_version_and_the_audit_row(
        self, client, org_a_profile, personas
    ):
        login(client, personas.representative)
        data = _edit_data(org_a_profile, **{"profile-mission_fr": "Nouvelle mission"})
        response = client.post(self.url(personas), data)
        assert response.status_code == 302
        org_a_profile.refresh_from_db()
        assert org_a_profile.mission_fr == "Nouvelle mission"
        assert org_a_profile.revision == 2
        version = ProfileVersion.objects.get(profile=org_a_profile, number=2)
        assert version.created_by == personas.representative
        assert version.snapshot["profile"]["mission_fr"] == "Nouvelle mission"
        entry = AuditEntry.objects.filter(action="profile.updated").first()
        assert entry.data == {"version": 2, "fields": ["profile.mission_fr"]}
        assert entry.organisation == personas.org_a

    def test_coordinator_edits_any_profile_and_may_change_the_type(
        self, client, org_a_profile, personas
    ):
        login(client, personas.coordinator)
        data = _edit_data(org_a_profile, **{"org-type": "street_work"})
        assert client.post(self.url(personas), data).status_code == 302
        personas.org_a.refresh_from_db()
        assert personas.org_a.type == "street_work"

    def test_representative_cannot_change_the_type(self, client, org_a_profile, personas):
        login(client, personas.representative)
        data = _edit_data(org_a_profile, **{"org-type": "street_work"})
        assert client.post(self.url(personas), data).status_code == 302
        personas.org_a.refresh_from_db()
        assert personas.org_a.type == "community"

    def test_coordinators_save_keeps_the_confidential_address(
        self, client, org_a_profile, personas
    ):
        login(client, personas.coordinator)
        page = client.get(self.url(personas)).content.decode()
        assert SHELTER not in page
        assert client.post(self.url(personas), _edit_data(org_a_profile)).status_code == 302
        assert Location.objects.filter(address_1=SHELTER, is_confidential=True).count() == 1

    def test_bad_input_comes_back_with_what_was_typed(self, client, org_a_profile, personas):
        login(client, personas.representative)
        data = _edit_data(
            org_a_profile,
            **{"profile-mission_fr": "Texte tapé", "profile-email": "pas-un-courriel"},
        )
        response = client.post(self.url(personas), data)
        content = response.content.decode()
        assert response.status_code == 400
        assert "Texte tapé" in content
        assert "pas-un-courriel" in content
        assert 'class="error-summary"' in content
        org_a_profile.refresh_from_db()
        assert org_a_profile.mission_fr == "Prévention de l'exploitation sexuelle à l'école"

    def test_second_editor_is_told_and_nothing_is_overwritten(
        self, client, org_a_profile, personas
    ):
        stale = _edit_data(org_a_profile, **{"profile-mission_fr": "Version B"})
        login(client, personas.representative)
        first = _edit_data(org_a_profile, **{"profile-mission_fr": "Version A"})
        assert client.post(self.url(personas), first).status_code == 302
        other = login(Client(), personas.coordinator)
        response = other.post(self.url(personas), stale)
        assert response.status_code == 409
        assert "Version B" in response.content.decode()
        org_a_profile.refresh_from_db()
        assert org_a_profile.mission_fr == "Version A"

    def test_a_service_added_on_the_page_is_saved_and_searchable(
        self, client, org_a_profile, personas
    ):
        login(client, personas.representative)
        data = _edit_data(
            org_a_profile,
            **{
                "services-TOTAL_FORMS": 1,
                "services-0-name_fr": "Clinique jeunesse",
                "services-0-languages": ["fr", "ar"],
            },
        )
        assert client.post(self.url(personas), data).status_code == 302
        service = Service.objects.get(name_fr="Clinique jeunesse")
        assert service.languages == ["fr", "ar"]
        profile = Profile.objects.get(pk=org_a_profile.pk)
        assert "clinique jeunesse" in profile.search_text
        assert profile.language_codes == " ar en fr "

    def test_first_save_creates_the_profile(self, client, personas):
        login(client, personas.outsider)
        url = reverse("directory:profile_edit", args=[personas.org_b.pk])
        data = {
            "org-name_fr": "Organisme B",
            "org-type": personas.org_b.type,
            "profile-mission_fr": "Enquêter",
        }
        for prefix in ("services", "locations", "phones", "emails"):
            data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
        assert client.post(url, data).status_code == 302
        assert Profile.objects.get(organisation=personas.org_b).revision == 1
