"""The safety net through the API: situations and consultations exist only for those who
take part, exactly as on the pages, and reading them is audited."""

import pytest

from filet.audit.models import AuditEntry
from tests.api.conftest import bearer, token_for
from tests.consultations.builders import consultation
from tests.situations.builders import open_situation

pytestmark = pytest.mark.django_db


def _get(user, url: str):
    return bearer(token_for(user)).get(url)


def test_a_situation_exists_for_its_participants_only(personas):
    made = open_situation(personas)
    listed = _get(personas.pivot, "/api/situations/").json()
    assert [s["code"] for s in listed["results"]] == [made.code]
    body = _get(personas.pivot, f"/api/situations/{made.code}/").json()
    assert body["participants"] == [{"organisation": personas.org_a.pk, "status": "accepted"}]
    assert AuditEntry.objects.filter(action="situation.viewed", actor=personas.pivot).count() == 1
    # A colleague who was not invited, the coordinator, organisation B: nothing.
    for user in (personas.worker, personas.coordinator, personas.outsider):
        assert _get(user, f"/api/situations/{made.code}/").status_code == 404
    assert _get(personas.worker, "/api/situations/").json()["results"] == []
    assert _get(personas.coordinator, "/api/situations/").status_code == 404


def test_a_consultation_exists_for_the_requester_and_the_pivot_only(personas):
    made = consultation(personas)
    for user in (personas.worker, personas.pivot, personas.representative):
        assert _get(user, f"/api/consultations/{made.pk}/").status_code == 200
    for user in (personas.coordinator, personas.manager, personas.outsider):
        assert _get(user, f"/api/consultations/{made.pk}/").status_code == 404
    assert [c["id"] for c in _get(personas.worker, "/api/consultations/").json()["results"]] == [
        made.pk
    ]
    assert _get(personas.outsider, "/api/consultations/").json()["results"] == []
    assert AuditEntry.objects.filter(action="consultation.viewed").count() == 3
