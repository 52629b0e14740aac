"""The HSDA read-only API: HSDS 3.0 objects (validated against the official compiled
schemas), the HSDA page format, confidential addresses never shown, token-protected unless
the Table makes it public."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.test import Client

from filet.directory import hsds
from filet.directory.models import Location
from tests.api.conftest import bearer, token_for
from tests.directory.test_hsds import _load_demo_directory

pytestmark = pytest.mark.django_db

COMPILED = Path("/work/shared/hsds-3.0/schema/compiled")


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((COMPILED / f"{name}.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def api(personas):
    _load_demo_directory()
    return bearer(token_for(personas.worker))


def _errors(name: str, document: dict) -> list[str]:
    return [error.message for error in _validator(name).iter_errors(document)]


def test_root_says_what_the_api_is(api):
    body = api.get("/api/hsds/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/schema/"


def test_organizations_are_an_hsda_page_of_valid_organizations(api):
    page = api.get("/api/hsds/organizations?per_page=5").json()
    # The 13 demo partners and the 4 organisations of the personas.
    assert page["total_items"] == 17
    assert (page["total_pages"], page["page_number"], page["size"]) == (4, 1, 5)
    assert (page["first_page"], page["last_page"], page["empty"]) == (True, False, False)
    for organization in page["contents"]:
        assert _errors("organization_list", organization) == []


def test_one_organization_is_fully_nested_and_valid(api):
    first = api.get("/api/hsds/organizations").json()["contents"][0]
    body = api.get(f"/api/hsds/organizations/{first['id']}").json()
    assert body["id"] == first["id"]
    assert _errors("organization", body) == []


def test_services_list_and_detail_are_valid(api):
    page = api.get("/api/hsds/services?per_page=100").json()
    assert page["total_items"] == len(hsds.build_tables()["service"]) > 0
    for service in page["contents"]:
        assert _errors("service_list", service) == []
    one = page["contents"][0]
    body = api.get(f"/api/hsds/services/{one['id']}").json()
    assert body["id"] == one["id"]
    assert body["organization"]["id"] == one["organization_id"]
    assert _errors("service", body) == []
    filtered = api.get(f"/api/hsds/services?organization_id={one['organization_id']}").json()
    assert {s["organization_id"] for s in filtered["contents"]} == {one["organization_id"]}


def test_confidential_addresses_are_never_shown(api):
    hidden = Location.objects.filter(is_confidential=True)
    assert hidden.exists()
    listed = api.get("/api/hsds/organizations?per_page=100").json()["contents"]
    text = json.dumps([api.get(f"/api/hsds/organizations/{o['id']}").json() for o in listed])
    for location in hidden:
        assert location.address_1 not in text


def test_unknown_ids_and_bad_paging_are_problems(api):
    assert api.get("/api/hsds/services/nope").status_code == 404
    assert api.get("/api/hsds/organizations?per_page=0").status_code == 400
    assert api.get("/api/hsds/organizations?page=x").status_code == 400


def test_token_protected_by_default(personas, settings):
    settings.HSDS_API_PUBLIC = False
    assert Client().get("/api/hsds/organizations").status_code == 401


def test_public_when_the_table_chooses(personas, settings):
    _load_demo_directory()
    settings.HSDS_API_PUBLIC = True
    response = Client().get("/api/hsds/organizations")
    assert response.status_code == 200
    assert response.json()["total_items"] == 17
    # Only the HSDS endpoints open up.
    assert Client().get("/api/organisations/").status_code == 401
