"""Robustness: the OpenAPI schema validates, and schemathesis, driving every operation of
it through the WSGI application with a real token, finds no server error and no response
that breaks the schema. Examples are bounded so that the whole run stays under a minute."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from hypothesis.internal.conjecture import utils as cu
from schemathesis import GenerationConfig
from schemathesis.checks import not_a_server_error, response_schema_conformance

from filet.api.models import Scope
from filet.wsgi import application
from tests.api.conftest import token_for
from tests.directory.test_hsds import _load_demo_directory
from tests.meetings.builders import make_action, make_meeting
from tests.observatory.builders import observation

EXAMPLES = 8


def _more(self: cu.many) -> bool:
    """The old `many.more()` that hypothesis-jsonschema 0.23 calls, over the iterator API
    of the Hypothesis installed here (6.170 dropped `more()`)."""
    if self._depth is None:
        self.__enter__()
        self._compat_iterator = iter(self)
    try:
        next(self._compat_iterator)
    except StopIteration:
        self.__exit__(None)
        return False
    return True


if not hasattr(cu.many, "more"):
    cu.many.more = _more


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_valid_openapi_3():
    schema = _schema()
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/hsds/services/{id}" in schema["paths"]
    assert schema["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    problem = schema["paths"]["/api/organisations/{id}/"]["get"]["responses"]["404"]
    assert problem["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


@pytest.fixture
def api_schema(db, personas, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": None}}
    _load_demo_directory()
    observation(personas, youths=6)
    make_meeting(personas)
    make_action(personas)
    # As Django's test client does: a request must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # The token is sent by the test. Left to itself, schemathesis would also forge the
    # session cookie the schema documents, which tests Django's session layer, not the API.
    config = GenerationConfig(with_security_parameters=False)
    yield schemathesis.from_dict(_schema(), app=application, generation_config=config)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(personas) -> str:
    return token_for(personas.representative, Scope.READ, Scope.WRITE)


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_every_response_fits_the_schema(case, token):
    response = case.call_wsgi(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))
