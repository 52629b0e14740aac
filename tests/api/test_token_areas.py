"""A token opens only the areas of Filet it was given (the directory, the matrix, the pivots,
the safety net, the observatory, the Table's life); a session opens them all. Every API URL
belongs to an area, so a new endpoint that belongs to none fails here."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.views import APIView

from filet.api.models import ApiToken, Area, token_digest
from filet.api.permissions import area_for, token_reaches
from filet.audit.models import AuditEntry
from filet.directory.actions import profile_for
from filet.matrix.models import Cell, Stage
from tests.api.conftest import bearer, token_for
from tests.conftest import login, make_person

pytestmark = pytest.mark.django_db

JSON = "application/json"
OUTSIDE_THE_DIRECTORY = [
    "/api/matrix/stages/",
    "/api/matrix/cells/",
    "/api/pivots/designations/",
    "/api/pivots/who-to-call/",
    "/api/situations/",
    "/api/consultations/",
    "/api/observations/",
    "/api/observatory/trends/",
    "/api/resources/",
    "/api/meetings/",
    "/api/plan/actions/",
    "/api/training/modules/",
    "/api/training/sessions/",
]
IN_THE_DIRECTORY = [
    "/api/organisations/",
    "/api/services/",
    "/api/hsds/",
    "/api/hsds/organizations",
    "/api/hsds/services",
]


def _directory_only(user, *scopes: str) -> Client:
    return bearer(token_for(user, *scopes, areas=[Area.DIRECTORY]))


def test_a_directory_token_reads_the_directory_and_nothing_else(personas):
    api = _directory_only(personas.pivot)
    assert {url: api.get(url).status_code for url in IN_THE_DIRECTORY} == dict.fromkeys(
        IN_THE_DIRECTORY, 200
    )
    assert {url: api.get(url).status_code for url in OUTSIDE_THE_DIRECTORY} == dict.fromkeys(
        OUTSIDE_THE_DIRECTORY, 403
    )


def test_the_refusal_is_a_problem_in_the_owners_language_and_audited(personas):
    response = _directory_only(personas.pivot).get("/api/observations/")
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:filet:problem:permission-denied",
        "title": "Cette action n'est pas permise",
        "status": 403,
        "detail": "Ce jeton n'ouvre pas ce domaine de Filet.",
        "instance": "/api/observations/",
    }
    entry = AuditEntry.objects.get(action="access.denied", actor=personas.pivot)
    assert entry.data["path"] == "/api/observations/"
    personas.worker.language = "en"
    personas.worker.save(update_fields=["language"])
    english = _directory_only(personas.worker).get("/api/pivots/designations/").json()
    assert english["detail"] == "This token does not open this area of Filet."


def test_the_area_is_refused_before_anything_is_looked_up(personas):
    # A record's address outside the token's areas says nothing about whether it exists.
    api = _directory_only(personas.pivot)
    assert api.get("/api/situations/SIT-0000-999/").status_code == 403
    assert api.get("/api/observations/999999/").status_code == 403


def test_the_same_person_with_every_area_gets_through(personas):
    # The 403 above is the area's, not the person's: with every area the same calls answer.
    api = bearer(token_for(personas.pivot))
    answered = {url: api.get(url).status_code for url in OUTSIDE_THE_DIRECTORY}
    assert answered == {
        **dict.fromkeys(OUTSIDE_THE_DIRECTORY, 200),
        "/api/pivots/who-to-call/": 400,  # past the permissions: the question is missing
        "/api/plan/actions/": 404,  # the plan is for partners seated at the Table
    }


def test_a_read_only_directory_token_still_cannot_write(personas):
    api = _directory_only(personas.representative)
    url = f"/api/organisations/{personas.org_a.pk}/profile/"
    response = api.patch(url, {"revision": 0, "mission_fr": "Accompagner"}, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"] == "Ce jeton n'a pas la portée que demande cette requête."
    assert profile_for(personas.org_a).pk is None


def test_a_writing_directory_token_writes_the_directory_only(personas):
    api = _directory_only(personas.representative, "read", "write")
    url = f"/api/organisations/{personas.org_a.pk}/profile/"
    response = api.patch(url, {"revision": 0, "mission_fr": "Accompagner"}, content_type=JSON)
    assert response.status_code == 200
    cell = {
        "organisation": personas.org_a.pk,
        "stage": Stage.objects.active().first().pk,  # type: ignore[union-attr]
        "responsibility": "lead",
        "revision": 0,
    }
    response = api.put("/api/matrix/cell/", cell, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"] == "Ce jeton n'ouvre pas ce domaine de Filet."
    assert Cell.objects.count() == 0


def test_a_token_of_several_areas_opens_each_of_them(personas):
    api = bearer(token_for(personas.pivot, areas=[Area.MATRIX, Area.PIVOTS]))
    assert api.get("/api/matrix/stages/").status_code == 200
    assert api.get("/api/pivots/designations/").status_code == 200
    assert api.get("/api/organisations/").status_code == 403
    assert api.get("/api/situations/").status_code == 403


def test_the_schema_needs_no_area(personas):
    assert _directory_only(personas.pivot).get("/api/schema/").status_code == 200


def test_the_session_is_unchanged(personas):
    client = login(Client(), personas.pivot)
    for url in ("/api/organisations/", "/api/pivots/designations/", "/api/observations/"):
        assert client.get(url).status_code == 200, url


# --- Every API URL belongs to an area ----------------------------------------------------


def _api_views() -> dict[str, type]:
    """Every DRF view of the URL conf, by its namespaced name."""
    found: dict[str, type] = {}

    def walk(patterns: list, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "cls"):
                found[f"{namespace}:{pattern.name}"] = pattern.callback.cls

    walk(get_resolver().url_patterns, "")
    return found


# The schema and its documentation page describe the API and show no data.
WITHOUT_AREA = {"api:schema", "api:docs"}


def test_every_api_url_belongs_to_an_area():
    views = _api_views()
    assert set(views) >= WITHOUT_AREA
    unplaced = sorted(
        name for name, view in views.items() if area_for(view) is None and name not in WITHOUT_AREA
    )
    assert unplaced == [], "add the endpoint's module to filet.api.permissions.AREAS"
    assert {area_for(views[name]) for name in WITHOUT_AREA} == {None}
    assert {area_for(view) for name, view in views.items() if name not in WITHOUT_AREA} == set(Area)


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("api:organisation-list", Area.DIRECTORY),
        ("api:organisation-profile", Area.DIRECTORY),
        ("api:service-list", Area.DIRECTORY),
        ("api:hsds_organizations", Area.DIRECTORY),
        ("api:stage-list", Area.MATRIX),
        ("api:cell_write", Area.MATRIX),
        ("api:designation-list", Area.PIVOTS),
        ("api:who_to_call", Area.PIVOTS),
        ("api:situation-list", Area.SAFETY_NET),
        ("api:consultation-detail", Area.SAFETY_NET),
        ("api:observation-list", Area.OBSERVATORY),
        ("api:trends", Area.OBSERVATORY),
        ("api:resource-list", Area.TABLE),
        ("api:meeting-list", Area.TABLE),
        ("api:plan_action-progress", Area.TABLE),
        ("api:training_module-list", Area.TABLE),
        ("api:training_session-register", Area.TABLE),
    ],
)
def test_each_endpoint_is_in_its_area(name, area):
    assert area_for(_api_views()[name]) == area


class Elsewhere(APIView):
    """A view outside filet/api/endpoints, placed in no area."""


def test_a_view_placed_in_no_area_opens_to_no_token(personas):
    token = ApiToken.objects.by_token(token_for(personas.pivot)).get()
    assert area_for(Elsewhere) is None
    assert token_reaches(token, Elsewhere) is False
    assert token_reaches(None, Elsewhere) is True  # a session: the view's own checks decide


# --- Tokens made before areas existed ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_tokens_every_area():
    pivot = make_person("ancien@filet.example", None)
    executor = MigrationExecutor(connection)
    before = [("api", "0001_initial")]
    latest = executor.loader.graph.leaf_nodes("api")
    executor.migrate(before)
    try:
        old_model = executor.loader.project_state(before).apps.get_model("api", "ApiToken")
        secret = "filet_made-before-areas"  # noqa: S105
        old_model.objects.create(
            user_id=pivot.pk,
            name="ancien",
            prefix=secret[:14],
            digest=token_digest(secret),
            scopes=["read"],
            expires_at=timezone.now() + timedelta(days=30),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    token = ApiToken.objects.get()
    assert token.areas == sorted(Area.values)
    assert token.scopes == ["read"]
    assert all(token.opens(area) for area in Area)
