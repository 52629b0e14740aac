"""An organisation B token receives nothing of organisation A: every API route of the URL
conf is requested as B, lists and details, and none carries A's private records. The same
requests with an A token do carry them, so the check can fail."""

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from filet.api.models import Scope
from filet.consultations.models import Consultation
from filet.directory.models import Location, Service
from filet.meetings.models import Meeting
from filet.observatory.models import Observation
from filet.plans.models import Action
from filet.resources.models import Resource, Visibility
from filet.situations.models import Situation
from tests.api.conftest import bearer, token_for
from tests.consultations.builders import consultation
from tests.meetings.builders import make_action, make_meeting
from tests.observatory.builders import observation
from tests.resources.builders import upload
from tests.situations.builders import open_situation

pytestmark = pytest.mark.django_db

MARKER = "Marqueur-A-7f3"
# Ordinary pages of the API app (HTML, session only): the permission matrix covers them.
PAGES = {"docs", "tokens", "token_create", "token_revoke"}


def api_routes() -> list[URLPattern]:
    api = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    )
    return [p for p in api.url_patterns if isinstance(p, URLPattern) and p.name not in PAGES]


def _private_records_of_a(p: Any) -> dict[type, list[int]]:
    made = observation(p, note=MARKER)
    resource = upload(p.representative, p.org_a, visibility=Visibility.ORGANISATION, title=MARKER)
    Location.objects.create(
        organisation=p.org_a,
        name_fr=MARKER,
        address_1=MARKER,
        city="Québec",
        postal_code="G1K 1A1",
        is_confidential=True,
    )
    # Public, but it gives the HSDS service route something to answer.
    Service.objects.create(organisation=p.org_a, name_fr="Accueil")
    meeting = make_meeting(p, title=MARKER)
    action = make_action(p)
    Action.objects.filter(pk=action.pk).update(title_fr=MARKER)
    situation = open_situation(p, summary=MARKER)
    asked = consultation(p, question=MARKER)
    return {
        Situation: [situation.pk],
        Consultation: [asked.pk],
        Observation: [made.pk],
        Resource: [resource.pk],
        Meeting: [meeting.pk],
        Action: [action.pk],
    }


def _model(pattern: URLPattern) -> type | None:
    view_class = getattr(pattern.callback, "cls", None)
    serializer = getattr(view_class, "serializer_class", None)
    return getattr(getattr(serializer, "Meta", None), "model", None)


def _urls(pattern: URLPattern, private: dict[type, list[int]], p: Any) -> list[str]:
    converters = pattern.pattern.converters
    if not converters:
        return [reverse(f"api:{pattern.name}") + "?page_size=100&per_page=100"]
    if "pk" in converters:
        pks = private.get(_model(pattern) or object, []) or [p.org_a.pk]
        return [reverse(f"api:{pattern.name}", kwargs={"pk": pk}) for pk in pks]
    if "code" in converters:
        codes = Situation.objects.filter(pk__in=private[Situation]).values_list("code", flat=True)
        return [reverse(f"api:{pattern.name}", kwargs={"code": code}) for code in codes]
    # HSDS ids: every organisation and service the list gives.
    return [
        reverse(f"api:{pattern.name}", kwargs={"id": "x"}).rsplit("/", 1)[0] + "/" + i
        for i in _hsds_ids(pattern)
    ]


def _hsds_ids(pattern: URLPattern) -> list[str]:
    from filet.directory import hsds

    tables = hsds.build_tables()
    kind = "organization" if "organization" in pattern.name else "service"
    return [row["id"] for row in tables[kind]]


def _get(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.fixture
def private(personas) -> dict[type, list[int]]:
    return _private_records_of_a(personas)


def test_a_b_token_receives_nothing_of_a_on_any_route(personas, private):
    outsider = bearer(token_for(personas.outsider, Scope.READ, Scope.WRITE))
    requested = []
    for pattern in api_routes():
        for url in _urls(pattern, private, personas):
            status, body = _get(outsider, url)
            requested.append(pattern.name)
            assert status in {200, 400, 404, 405}, url
            assert MARKER not in body, url
    assert set(requested) == {p.name for p in api_routes()}


def test_b_cannot_change_a_s_records_by_any_method(personas, private):
    outsider = bearer(token_for(personas.outsider, Scope.READ, Scope.WRITE))
    before = {
        model: list(model.objects.filter(pk__in=pks).values()) for model, pks in private.items()
    }
    for pattern in api_routes():
        if "pk" not in pattern.pattern.converters:
            continue
        for url in _urls(pattern, private, personas):
            for method in ("put", "patch", "post", "delete"):
                response = getattr(outsider, method)(url, {}, content_type="application/json")
                assert response.status_code in {400, 403, 404, 405}, (method, url)
    after = {
        model: list(model.objects.filter(pk__in=pks).values()) for model, pks in private.items()
    }
    assert after == before


def test_the_same_routes_do_show_a_s_records_to_a(personas, private):
    """The control: without it, a route that showed nothing to anyone would pass."""
    seen = set()
    for persona in (personas.representative, personas.pivot):
        own = bearer(token_for(persona))
        for pattern in api_routes():
            for url in _urls(pattern, private, personas):
                if MARKER in _get(own, url)[1]:
                    seen.add(pattern.name)
    assert {
        "observation-list",
        "observation-detail",
        "resource-list",
        "resource-detail",
        "organisation-list",
        "organisation-detail",
        "meeting-list",
        "meeting-detail",
        "plan_action-list",
        "plan_action-detail",
        "situation-list",
        "situation-detail",
        "consultation-list",
        "consultation-detail",
    } <= seen
