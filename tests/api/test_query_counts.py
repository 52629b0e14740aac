"""The list endpoints cost the same number of queries whatever the data size, and at most
15 (the bench's bound for pages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filet.directory.models import Location, Service
from filet.organisations.models import Organisation, OrganisationType, Role
from filet.resources.models import Visibility
from tests.api.conftest import bearer, token_for
from tests.conftest import make_person
from tests.consultations.builders import consultation
from tests.meetings.builders import make_action, make_meeting
from tests.observatory.builders import observation
from tests.pivots.builders import designation
from tests.resources.builders import upload
from tests.situations.builders import open_situation

pytestmark = pytest.mark.django_db

LISTS = [
    ("representative", "/api/organisations/"),
    ("representative", "/api/services/"),
    ("representative", "/api/matrix/cells/"),
    ("representative", "/api/pivots/designations/"),
    ("representative", "/api/observations/"),
    ("representative", "/api/resources/"),
    ("representative", "/api/meetings/"),
    ("representative", "/api/plan/actions/"),
    ("representative", "/api/training/sessions/"),
    ("coordinator", "/api/observatory/trends/"),
    ("worker", "/api/hsds/organizations"),
    ("pivot", "/api/situations/"),
    ("pivot", "/api/consultations/"),
]


def _grow(p, start: int, size: int) -> None:
    for n in range(start, start + size):
        partner = Organisation.objects.create(
            name_fr=f"Partenaire {n}", type=OrganisationType.COMMUNITY
        )
        Service.objects.create(organisation=partner, name_fr=f"Service {n}")
        Location.objects.create(
            organisation=partner,
            name_fr="Local",
            address_1="1 rue",
            city="Québec",
            postal_code="G1K 1A1",
        )
        observation(p, youths=n + 1)
        upload(p.representative, p.org_a, title=f"Guide {n}", visibility=Visibility.TABLE)
        make_meeting(p, title=f"Rencontre {n}")
        make_action(p)
        open_situation(p)
        consultation(p)
    designation(p, pivot=make_person(f"pivot{start}@test.example", p.org_a, Role.PIVOT))


def _counts(p) -> dict[str, int]:
    clients = {name: bearer(token_for(p.by_name(name))) for name, _url in LISTS}
    counts = {}
    for name, url in LISTS:
        clients[name].get(url)  # warm caches (taxonomy, settings) as a live server has them
        with CaptureQueriesContext(connection) as queries:
            assert clients[name].get(url).status_code == 200, url
        counts[url] = len(queries)
    return counts


def test_list_queries_do_not_grow_with_the_data(personas):
    _grow(personas, 0, 1)
    small = _counts(personas)
    _grow(personas, 1, 6)
    large = _counts(personas)
    assert large == small
    assert max(large.values()) <= 15, large
