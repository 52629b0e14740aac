"""Each endpoint answers what its page answers: same data, same refusals, same audit."""

import pytest

from filet.audit.models import AuditEntry
from filet.directory.actions import profile_for
from filet.matrix.models import Cell, Stage
from filet.observatory.models import Observation
from filet.resources.models import Visibility
from filet.taxonomy.models import Vocabulary
from tests.api.conftest import bearer, token_for
from tests.meetings.builders import make_action, make_meeting
from tests.observatory.builders import observation, term
from tests.resources.builders import upload

pytestmark = pytest.mark.django_db

JSON = "application/json"


def _rw(user):
    return bearer(token_for(user, "read", "write"))


class TestDirectory:
    def test_a_representative_changes_their_profile(self, personas):
        api = _rw(personas.representative)
        url = f"/api/organisations/{personas.org_a.pk}/profile/"
        response = api.patch(url, {"revision": 0, "mission_fr": "Accompagner"}, content_type=JSON)
        assert response.status_code == 200
        assert response.json()["mission_fr"] == "Accompagner"
        assert response.json()["revision"] == 1
        assert profile_for(personas.org_a).mission_fr == "Accompagner"
        assert AuditEntry.objects.filter(action="profile.updated").count() == 1

    def test_a_stale_revision_is_409_and_changes_nothing(self, personas):
        api = _rw(personas.representative)
        url = f"/api/organisations/{personas.org_a.pk}/profile/"
        api.patch(url, {"revision": 0, "mission_fr": "Premier"}, content_type=JSON)
        response = api.patch(url, {"revision": 0, "mission_fr": "Second"}, content_type=JSON)
        assert response.status_code == 409
        assert profile_for(personas.org_a).mission_fr == "Premier"

    def test_another_organisation_gets_403_and_nothing_changes(self, personas):
        api = _rw(personas.outsider)
        url = f"/api/organisations/{personas.org_a.pk}/profile/"
        response = api.patch(url, {"revision": 0, "mission_fr": "Pirate"}, content_type=JSON)
        assert response.status_code == 403
        assert profile_for(personas.org_a).pk is None


class TestMatrix:
    def _body(self, personas, **extra):
        stage = Stage.objects.active().first()
        return {
            "organisation": personas.org_a.pk,
            "stage": stage.pk,
            "responsibility": "lead",
            "revision": 0,
            **extra,
        }

    def test_the_representative_writes_a_cell_of_their_row(self, personas):
        response = _rw(personas.representative).put(
            "/api/matrix/cell/", self._body(personas), content_type=JSON
        )
        assert response.status_code == 200
        cell = Cell.objects.get()
        assert (cell.organisation, cell.responsibility, cell.revision) == (
            personas.org_a,
            "lead",
            1,
        )
        listed = bearer(token_for(personas.worker)).get("/api/matrix/cells/").json()
        assert [c["id"] for c in listed["results"]] == [cell.pk]

    def test_another_organisation_cannot_write_the_row(self, personas):
        response = _rw(personas.outsider).put(
            "/api/matrix/cell/", self._body(personas), content_type=JSON
        )
        assert response.status_code == 403
        assert Cell.objects.count() == 0

    def test_a_stale_revision_is_409(self, personas):
        api = _rw(personas.representative)
        api.put("/api/matrix/cell/", self._body(personas), content_type=JSON)
        response = api.put(
            "/api/matrix/cell/", self._body(personas, responsibility="informed"), content_type=JSON
        )
        assert response.status_code == 409
        assert Cell.objects.get().responsibility == "lead"


class TestObservatory:
    def _body(self):
        from django.utils import timezone

        return {
            "month": timezone.localdate().strftime("%Y-%m"),
            "youths": 2,
            "sector": term(Vocabulary.SECTOR, "limoilou").pk,
            "milieu": term(Vocabulary.MILIEU, "school").pk,
            "source": term(Vocabulary.SOURCE, "direct-observation").pk,
            "confidence": term(Vocabulary.CONFIDENCE, "probable").pk,
            "terms": [term(Vocabulary.INDICATOR, "school-absence").pk],
        }

    def test_a_pivot_records_an_observation_once_per_key(self, personas):
        api = _rw(personas.pivot)
        first = api.post(
            "/api/observations/", self._body(), content_type=JSON, HTTP_IDEMPOTENCY_KEY="obs-1"
        )
        again = api.post(
            "/api/observations/", self._body(), content_type=JSON, HTTP_IDEMPOTENCY_KEY="obs-1"
        )
        assert first.status_code == again.status_code == 201
        saved = Observation.objects.get()
        assert (saved.organisation, saved.author, saved.youths) == (
            personas.org_a,
            personas.pivot,
            2,
        )
        assert first.json()["terms"] == [term(Vocabulary.INDICATOR, "school-absence").pk]

    def test_identifiers_in_the_note_are_refused(self, personas):
        response = _rw(personas.pivot).post(
            "/api/observations/",
            {**self._body(), "note": "Appeler le 418 555-0199"},
            content_type=JSON,
        )
        assert response.status_code == 400
        assert "note" in response.json()["errors"]
        assert Observation.objects.count() == 0

    def test_a_worker_cannot_record(self, personas):
        response = _rw(personas.worker).post("/api/observations/", self._body(), content_type=JSON)
        assert response.status_code == 403

    def test_reading_is_audited_as_on_the_pages(self, personas):
        made = observation(personas)
        api = bearer(token_for(personas.representative))
        assert api.get("/api/observations/").json()["count"] == 1
        assert api.get(f"/api/observations/{made.pk}/").status_code == 200
        assert AuditEntry.objects.filter(action="observation.listed").count() == 1
        viewed = AuditEntry.objects.get(action="observation.viewed")
        assert viewed.target_id == str(made.pk)

    def test_trends_suppress_small_counts(self, personas):
        observation(personas, youths=2)
        body = bearer(token_for(personas.coordinator)).get("/api/observatory/trends/").json()
        assert body["k"] == 5
        assert body["timeline"]["values"][-1] is None
        assert body["hidden_cells"] >= 1
        assert 2 not in [v for row in body["by_sector"] for v in row["values"]]

    def test_trends_are_not_for_workers(self, personas):
        assert bearer(token_for(personas.worker)).get("/api/observatory/trends/").status_code == 404


class TestTable:
    def test_restricted_resources_stay_in_their_organisation(self, personas):
        mine = upload(personas.representative, personas.org_a, visibility=Visibility.ORGANISATION)
        shared = upload(personas.representative, personas.org_a, title="Guide commun")
        own = bearer(token_for(personas.worker)).get("/api/resources/").json()
        other = bearer(token_for(personas.outsider)).get("/api/resources/").json()
        assert sorted(r["id"] for r in own["results"]) == sorted([mine.pk, shared.pk])
        assert [r["id"] for r in other["results"]] == [shared.pk]
        assert (
            bearer(token_for(personas.outsider)).get(f"/api/resources/{mine.pk}/").status_code
            == 404
        )

    def test_meetings_and_plan_are_for_the_seated_organisations(self, personas):
        meeting = make_meeting(personas)
        action = make_action(personas)
        seated = bearer(token_for(personas.worker))
        assert [m["id"] for m in seated.get("/api/meetings/").json()["results"]] == [meeting.pk]
        assert [a["id"] for a in seated.get("/api/plan/actions/").json()["results"]] == [action.pk]
        outsider = bearer(token_for(personas.outsider))
        assert outsider.get("/api/meetings/").json()["results"] == []
        assert outsider.get(f"/api/meetings/{meeting.pk}/").status_code == 404
        assert outsider.get("/api/plan/actions/").status_code == 404


class TestPlanProgress:
    def test_the_responsible_representative_reports_progress(self, personas):
        action = make_action(personas)
        api = _rw(personas.representative)
        body = {"status": "in_progress", "progress": 40, "version": action.version}
        response = api.post(f"/api/plan/actions/{action.pk}/progress/", body, content_type=JSON)
        assert response.status_code == 200
        action.refresh_from_db()
        assert (action.status, action.progress, action.version) == ("in_progress", 40, 2)
        assert AuditEntry.objects.filter(action="plan.action_updated").count() == 1
        stale = api.post(f"/api/plan/actions/{action.pk}/progress/", body, content_type=JSON)
        assert stale.status_code == 409

    def test_a_colleague_who_reads_it_may_not_report(self, personas):
        action = make_action(personas)
        body = {"status": "in_progress", "progress": 40, "version": action.version}
        response = _rw(personas.pivot).post(
            f"/api/plan/actions/{action.pk}/progress/", body, content_type=JSON
        )
        assert response.status_code == 403
        action.refresh_from_db()
        assert action.progress == 0
