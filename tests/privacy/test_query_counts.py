"""List pages keep a flat number of queries as the data grows."""

from django.urls import reverse

from filet.organisations.models import Organisation, OrganisationType
from filet.privacy.models import PrivacyNotice
from tests.conftest import login
from tests.privacy.builders import incident


def _grow(personas, start, n):
    for i in range(start, start + n):
        incident(personas)
        org = Organisation.objects.create(
            name_fr=f"Partenaire {i}", type=OrganisationType.COMMUNITY
        )
        PrivacyNotice.objects.create(
            organisation=org, officer_name="R", officer_email="r@x.example"
        )


def test_register_and_index_stay_flat(client, personas, django_assert_max_num_queries):
    login(client, personas.privacy_officer)
    register = reverse("privacy:incidents", kwargs={"pk": personas.org_a.pk})
    due = reverse("privacy:due", kwargs={"pk": personas.org_a.pk})
    urls = [register, reverse("privacy:index"), due]
    for start, size in ((0, 2), (2, 30)):
        _grow(personas, start, size)
        for url in urls:
            with django_assert_max_num_queries(16):
                assert client.get(url).status_code == 200
