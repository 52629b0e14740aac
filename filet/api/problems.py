"""Errors as RFC 9457 problem details (application/problem+json), in the caller's
language, and refusals written to the audit log as on the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from filet.audit.actions import record
from filet.audit.models import Outcome

PROBLEM_JSON = "application/problem+json"


class Conflict(exceptions.APIException):
    status_code = 409
    default_code = "conflict"


class Unprocessable(exceptions.APIException):
    status_code = 422
    default_code = "unprocessable"


def _titles() -> dict[int, str]:
    return {
        400: _("The request is not valid"),
        401: _("Authentication is needed"),
        403: _("This action is not allowed"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("This format cannot be produced"),
        409: _("Conflict"),
        415: _("Unsupported media type"),
        422: _("The request cannot be processed"),
        429: _("Too many requests"),
    }


def _code(exc: Exception) -> str:
    if isinstance(exc, Http404):
        return "not_found"
    if isinstance(exc, DjangoPermissionDenied):
        return "permission_denied"
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    return str(getattr(exc, "default_code", "error"))


def _detail(exc: Exception, data: Any) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return _("Some fields are not valid: see errors.")
    if isinstance(exc, Http404 | exceptions.NotFound):
        # One answer for "missing" and "not yours": the detail never names the model.
        return _("Nothing exists at this address, or it is not yours to see.")
    if isinstance(data, dict) and isinstance(data.get("detail"), str):
        return str(data["detail"])
    return _("This action is not allowed.")


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context["request"]
    status = response.status_code
    body: dict[str, Any] = {
        "type": f"urn:filet:problem:{_code(exc).replace('_', '-')}",
        "title": _titles().get(status, _("Error")),
        "status": status,
        "detail": _detail(exc, response.data),
        "instance": request.path,
    }
    if isinstance(exc, exceptions.ValidationError):
        body["errors"] = response.data
    response.data = body
    response.content_type = PROBLEM_JSON
    if status in {403, 404} and request.user and request.user.is_authenticated:
        record(
            request.user,
            "access.denied",
            request=request,
            outcome=Outcome.DENIED,
            path=request.path,
            method=request.method,
        )
    return response
