"""What every endpoint shares: bearer authentication, scopes, rate limits, pages, filters
and ordering, problem details in the owner's language, Idempotency-Key, the session."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from filet.api import actions
from filet.api.models import ApiToken, IdempotentResponse
from filet.audit.models import AuditEntry
from filet.organisations.models import Organisation, OrganisationType
from filet.training.models import Module, Registration
from tests.api.conftest import bearer, token_for
from tests.conftest import login
from tests.training import factories as training

pytestmark = pytest.mark.django_db

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def test_without_a_token_the_answer_is_401_with_a_challenge(client: Client):
    response = client.get("/api/organisations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="filet"'
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == 401
    assert body["instance"] == "/api/organisations/"


def test_a_malformed_or_unknown_token_is_refused(db):
    assert Client(HTTP_AUTHORIZATION="Bearer").get("/api/organisations/").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer " + "x" * 500).get("/api/services/").status_code == 401
    assert bearer("filet_unknown").get("/api/organisations/").status_code == 401


def test_a_read_token_cannot_write(personas):
    api = bearer(token_for(personas.representative, "read"))
    response = api.put("/api/matrix/cell/", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["type"] == "urn:filet:problem:permission-denied"


def test_problems_come_in_the_token_owners_language(personas):
    personas.pivot.language = "en"
    personas.pivot.save(update_fields=["language"])
    api = bearer(token_for(personas.pivot))
    body = api.get("/api/organisations/999999/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert body["title"] == "Not found"
    assert body["detail"] == "Nothing exists at this address, or it is not yours to see."
    french = bearer(token_for(personas.worker)).get("/api/organisations/999999/").json()
    assert french["title"] == "Introuvable"


def test_a_refusal_is_audited(personas):
    api = bearer(token_for(personas.worker))
    api.get("/api/observations/")
    entry = AuditEntry.objects.get(action="access.denied", actor=personas.worker)
    assert entry.data["path"] == "/api/observations/"


def test_rate_limit_answers_429_with_retry_after(personas, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "3/minute"},
    }
    api = bearer(token_for(personas.pivot))
    statuses = [api.get("/api/matrix/stages/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/matrix/stages/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["status"] == 429
    # Another token of the same person has its own count.
    assert bearer(token_for(personas.worker)).get("/api/matrix/stages/").status_code == 200


def test_pages_are_bounded_and_ordering_and_filters_apply(personas):
    for number in range(5):
        Organisation.objects.create(
            name_fr=f"Partenaire {number}", type=OrganisationType.STREET_WORK
        )
    api = bearer(token_for(personas.pivot))
    body = api.get("/api/organisations/?page_size=1000").json()
    assert body["count"] == 9
    assert len(body["results"]) == 9
    page = api.get("/api/organisations/?page_size=2&ordering=-name_fr").json()
    assert [o["name_fr"] for o in page["results"]] == ["Partenaire 4", "Partenaire 3"]
    assert page["next"].endswith("page=2&page_size=2&ordering=-name_fr") or "page=2" in page["next"]
    street = api.get("/api/organisations/?type=street_work").json()
    assert street["count"] == 5
    assert api.get("/api/services/?organisation=abc").status_code == 400
    assert api.get("/api/organisations/?page=99").status_code == 404


def test_page_size_is_capped_at_100(personas):
    Organisation.objects.bulk_create(
        Organisation(name_fr=f"P{n:03}", type=OrganisationType.COMMUNITY) for n in range(105)
    )
    api = bearer(token_for(personas.pivot))
    assert len(api.get("/api/organisations/?page_size=500").json()["results"]) == 100


def _session(personas):
    module = training.module(personas.coordinator, f"Module {Module.objects.count()}")
    return training.session(module.versions.get(), personas.coordinator, capacity=5)


def test_idempotency_key_replays_the_first_answer(personas):
    session = _session(personas)
    api = bearer(token_for(personas.worker, "read", "write"))
    url = f"/api/training/sessions/{session.pk}/register/"
    first = api.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Registration.objects.filter(user=personas.worker).count() == 1
    assert IdempotentResponse.objects.count() == 1


def test_same_key_with_another_body_is_422(personas):
    session = _session(personas)
    other = _session(personas)
    api = bearer(token_for(personas.worker, "read", "write"))
    api.post(
        f"/api/training/sessions/{session.pk}/register/",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-2",
    )
    response = api.post(
        f"/api/training/sessions/{other.pk}/register/",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-2",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert not Registration.objects.filter(session=other).exists()


def test_the_session_works_for_the_documentation_page_with_csrf(personas):
    client = Client(enforce_csrf_checks=True)
    login(client, personas.representative)
    assert client.get("/api/organisations/").status_code == 200
    response = client.put("/api/matrix/cell/", json.dumps({}), content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_the_administrator_finds_nothing(personas):
    api = bearer(token_for(personas.administrator))
    assert api.get("/api/organisations/").status_code == 404


def test_a_null_character_in_a_filter_is_a_400_not_a_500(personas):
    # Found by schemathesis on PostgreSQL, which refuses NUL in text.
    api = bearer(token_for(personas.pivot))
    response = api.get("/api/organisations/?type=%00")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["type"]


def test_a_situation_code_that_cannot_exist_is_a_404_not_a_500(personas):
    # Found by schemathesis on PostgreSQL: a NUL byte in the code reached the query.
    api = bearer(token_for(personas.pivot))
    for code in ("%00", "QC-2026-%000001", "%E3%00"):
        assert api.get(f"/api/situations/{code}/").status_code == 404, code


def test_stored_answers_live_24_hours(personas):
    session = _session(personas)
    other = _session(personas)
    api = bearer(token_for(personas.worker, "read", "write"))
    url = f"/api/training/sessions/{session.pk}/register/"
    api.post(url, {}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="old")
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        api.post(
            f"/api/training/sessions/{other.pk}/register/",
            {},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="new",
        )
    assert list(IdempotentResponse.objects.values_list("key", flat=True)) == ["new"]


def test_revoking_a_token_drops_its_stored_answers(personas):
    session = _session(personas)
    secret = token_for(personas.worker, "read", "write")
    bearer(secret).post(
        f"/api/training/sessions/{session.pk}/register/",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    token = ApiToken.objects.by_token(secret).get()
    actions.revoke_token(token, by=personas.worker)
    assert IdempotentResponse.objects.count() == 0


def test_answers_to_a_token_are_never_stored(personas):
    api = bearer(token_for(personas.pivot))
    assert api.get("/api/organisations/")["Cache-Control"] == "no-store"
    assert api.get("/api/organisations/999999/")["Cache-Control"] == "no-store"
