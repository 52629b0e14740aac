"""The HSDA read-only API: HSDS 3.0 objects (validated against the official compiled
schemas), the HSDA page format, confidential addresses never shown, token-protected unless
the Table makes it public."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from filet.directory import actions, hsds
from filet.directory.models import Location, Phone, Profile, Service, Territory
from filet.matrix.actions import STAGE_FIELDS, adopt_matrix, save_stage, set_cell
from filet.matrix.models import Cell, Responsibility, Stage
from filet.organisations.models import Organisation, OrganisationType
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


# --- The cache (issue 8): every change is seen on the next call ---------------------------
# These tests commit (transactional database), as a server does: the cache stores only
# committed data, and each change invalidates it once its transaction commits.

committed = pytest.mark.django_db(transaction=True)


def _organization(api: Client, organisation: Organisation) -> dict:
    return api.get(f"/api/hsds/organizations/{hsds.organisation_hsds_id(organisation)}").json()


def _organization_names(api: Client) -> set[str]:
    return {o["name"] for o in api.get("/api/hsds/organizations?per_page=100").json()["contents"]}


def _service_names(api: Client) -> set[str]:
    return {s["name"] for s in api.get("/api/hsds/services?per_page=100").json()["contents"]}


def _addresses(api: Client, organisation: Organisation) -> set[str]:
    locations = _organization(api, organisation)["locations"]
    return {address["address_1"] for loc in locations for address in loc["addresses"]}


def _attributes(api: Client, organisation: Organisation, link_type: str) -> list[tuple]:
    return [
        (a["taxonomy_term"]["code"], a["taxonomy_term"]["name"], a.get("value"))
        for a in _organization(api, organisation).get("attributes", [])
        if a["link_type"] == link_type
    ]


def _dpj() -> Organisation:
    return Organisation.objects.get(acronym="DPJ-C")


@committed
def test_a_renamed_partner_is_seen_on_the_next_call(api):
    assert "Direction de la protection de la jeunesse — Capitale" in _organization_names(api)
    organisation = _dpj()
    organisation.name_fr = "DPJ de la Capitale-Nationale"
    organisation.save()
    names = _organization_names(api)
    assert "DPJ de la Capitale-Nationale" in names
    assert "Direction de la protection de la jeunesse — Capitale" not in names


@committed
def test_a_partner_made_inactive_leaves_the_directory(api):
    assert api.get("/api/hsds/organizations").json()["total_items"] == 17
    organisation = _dpj()
    organisation.is_active = False
    organisation.save()
    assert api.get("/api/hsds/organizations").json()["total_items"] == 16
    assert (
        api.get(f"/api/hsds/organizations/{hsds.organisation_hsds_id(organisation)}").status_code
        == 404
    )


@committed
def test_a_saved_profile_is_seen_on_the_next_call(api):
    organisation = _dpj()
    assert _organization(api, organisation)["description"] != "Nouvelle mission"
    profile = actions.profile_for(organisation)
    profile.mission_fr = "Nouvelle mission"
    actions.save_profile(
        profile, by=None, organisation_fields={}, territories=profile.territories.all()
    )
    assert _organization(api, organisation)["description"] == "Nouvelle mission"


@committed
def test_a_changed_service_is_seen_with_its_hours_and_languages(api):
    service = Service.objects.filter(organisation=_dpj()).order_by("pk")[0]
    service_id = hsds.stable_id("service", service.pk)
    before = api.get(f"/api/hsds/services/{service_id}").json()
    assert [language["code"] for language in before["languages"]] == ["fr", "en"]
    service.name_fr, service.hours_fr, service.languages = "Accueil", "Jour et nuit", ["fr"]
    service.save()
    assert "Accueil" in _service_names(api)
    after = api.get(f"/api/hsds/services/{service_id}").json()
    assert (after["name"], after["schedules"][0]["description"]) == ("Accueil", "Jour et nuit")
    assert [language["code"] for language in after["languages"]] == ["fr"]


@committed
def test_a_deleted_service_is_gone(api):
    service = Service.objects.filter(organisation=_dpj()).order_by("pk")[0]
    service_id = hsds.stable_id("service", service.pk)
    total = api.get("/api/hsds/services").json()["total_items"]
    assert api.get(f"/api/hsds/services/{service_id}").status_code == 200
    service.delete()
    assert api.get(f"/api/hsds/services/{service_id}").status_code == 404
    assert api.get("/api/hsds/services").json()["total_items"] == total - 1


@committed
def test_an_address_made_confidential_is_gone_on_the_next_call(api):
    location = Location.objects.filter(is_confidential=False).order_by("pk")[0]
    assert location.address_1 in _addresses(api, location.organisation)
    location.is_confidential = True
    location.save()
    assert location.address_1 not in _addresses(api, location.organisation)
    listed = api.get("/api/hsds/organizations?per_page=100").json()["contents"]
    text = json.dumps([api.get(f"/api/hsds/organizations/{o['id']}").json() for o in listed])
    assert location.address_1 not in text


@committed
def test_phones_deleted_in_bulk_are_gone(api):
    # As the HSDS import replaces them: QuerySet.delete(), one signal per row.
    organisation = Phone.objects.order_by("pk")[0].organisation
    assert _organization(api, organisation)["phones"] != []
    organisation.phones.all().delete()
    assert _organization(api, organisation)["phones"] == []


@committed
def test_territories_renamed_or_no_longer_served_are_seen(api):
    profile = Profile.objects.filter(territories__code="limoilou")[0]
    organisation = profile.organisation
    assert ("limoilou", "Limoilou", None) in _attributes(api, organisation, "territory_served")
    territory = Territory.objects.get(code="limoilou")
    territory.name_fr = "Limoilou (secteur)"
    territory.save()
    served = _attributes(api, organisation, "territory_served")
    assert ("limoilou", "Limoilou (secteur)", None) in served
    profile.territories.remove(territory)
    served = _attributes(api, organisation, "territory_served")
    assert [code for code, _name, _value in served if code == "limoilou"] == []


@committed
def test_zones_of_contribution_and_stages_are_seen(api, personas):
    organisation, stage = _dpj(), Stage.objects.active().order_by("order")[0]
    assert _attributes(api, organisation, "zone_of_contribution") == []
    set_cell(organisation, stage, by=personas.coordinator, responsibility=Responsibility.LEAD)
    zones = _attributes(api, organisation, "zone_of_contribution")
    assert zones == [(stage.code, stage.label_fr, Responsibility.LEAD)]
    values = {field: getattr(stage, field) for field in STAGE_FIELDS} | {"label_fr": "Repérer"}
    save_stage(stage, by=personas.coordinator, values=values, is_active=True)
    zones = _attributes(api, organisation, "zone_of_contribution")
    assert zones == [(stage.code, "Repérer", Responsibility.LEAD)]


@committed
def test_an_adopted_matrix_is_seen(api, personas):
    organisation, stage = _dpj(), Stage.objects.active().order_by("order")[0]
    set_cell(organisation, stage, by=personas.coordinator, responsibility=Responsibility.LEAD)
    adopt_matrix(by=personas.coordinator, adopted_on=datetime.date(2026, 11, 1))
    cell = Cell.objects.get(organisation=organisation, stage=stage)
    set_cell(
        organisation,
        stage,
        by=personas.coordinator,
        responsibility=Responsibility.INFORMED,
        revision=cell.revision,
    )
    # The draft changed, the adopted version is what the directory shows.
    zones = _attributes(api, organisation, "zone_of_contribution")
    assert [value for _code, _name, value in zones] == [Responsibility.LEAD]
    adopt_matrix(by=personas.coordinator, adopted_on=datetime.date(2026, 11, 20))
    zones = _attributes(api, organisation, "zone_of_contribution")
    assert [value for _code, _name, value in zones] == [Responsibility.INFORMED]


CACHED_URLS = [
    "/api/hsds/organizations?per_page=100",
    "/api/hsds/services?per_page=100",
    "/api/hsds/services?organization_id={organization}",
    "/api/hsds/organizations/{organization}",
    "/api/hsds/services/{service}",
]


def _second_calls(api: Client) -> dict[str, int]:
    """Queries of each call made a second time, and those of the root (no directory)."""
    service = Service.objects.order_by("pk")[0]
    ids = {
        "organization": hsds.organisation_hsds_id(service.organisation),
        "service": hsds.stable_id("service", service.pk),
    }
    counts = {}
    for url in ["/api/hsds/", *CACHED_URLS]:
        assert api.get(url.format(**ids)).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert api.get(url.format(**ids)).status_code == 200, url
        counts[url] = len(queries)
    return counts


@committed
def test_a_second_call_reads_the_cache_whatever_the_size(api):
    small = _second_calls(api)
    for n in range(8):
        partner = Organisation.objects.create(
            name_fr=f"Partenaire {n}", type=OrganisationType.COMMUNITY
        )
        Service.objects.create(organisation=partner, name_fr=f"Service {n}")
        Location.objects.create(
            organisation=partner, name_fr="Local", address_1="1 rue", city="Québec",
            postal_code="G1K 1A1",
        )  # fmt: skip
    large = _second_calls(api)
    assert large == small
    # Authentication only: the same as the root, which reads no directory.
    assert set(large.values()) == {large["/api/hsds/"]}
