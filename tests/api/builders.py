"""Targets of the API's URLs for the permission matrix: records of organisation A, made
through the real actions."""

from typing import Any

from filet.api.models import ApiToken
from filet.directory import hsds
from filet.directory.models import Service
from filet.matrix.models import Stage
from tests.api.conftest import token_for
from tests.consultations.builders import _consultation_target
from tests.meetings.builders import _meeting, _seated, make_action
from tests.observatory.builders import _observation_target
from tests.pivots.builders import _designation_target
from tests.resources.builders import _restricted_of_a
from tests.situations.builders import _situation_target
from tests.training import factories as training

Target = tuple[dict[str, Any], dict[str, Any]]


def _org_a(p: Any) -> Target:
    return {"pk": p.org_a.pk}, {}


def _stage(p: Any) -> Target:
    return {"pk": Stage.objects.active().first().pk}, {}  # type: ignore[union-attr]


def _action_of_a(p: Any) -> Target:
    return {"pk": make_action(p).pk}, {}


def _hsds_organization_a(p: Any) -> Target:
    return {"id": hsds.organisation_hsds_id(p.org_a)}, {}


def _hsds_service_of_a(p: Any) -> Target:
    service = Service.objects.create(organisation=p.org_a, name_fr="Accueil")
    return {"id": hsds.stable_id("service", service.pk)}, {}


def _pivots_token(p: Any) -> Target:
    secret = token_for(p.pivot)
    return {"pk": ApiToken.objects.by_token(secret).get().pk}, {}


TARGETS = {
    "api:organisation-detail": _org_a,
    "api:organisation-profile": _org_a,
    "api:stage-detail": _stage,
    "api:designation-detail": _designation_target,
    "api:observation-detail": _observation_target,
    "api:resource-detail": _restricted_of_a,
    "api:meeting-list": _seated,
    "api:meeting-detail": _meeting,
    "api:plan_action-list": _seated,
    "api:plan_action-detail": _action_of_a,
    "api:plan_action-progress": _action_of_a,
    "api:training_module-detail": training.module_target,
    "api:training_session-detail": training.session_target,
    "api:training_session-register": training.session_target,
    "api:hsds_organization": _hsds_organization_a,
    "api:hsds_service": _hsds_service_of_a,
    "api:token_revoke": _pivots_token,
    "api:situation-detail": _situation_target,
    "api:consultation-detail": _consultation_target,
}
