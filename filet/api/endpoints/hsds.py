"""The directory as a read-only Open Referral HSDA 3.0 API (`/api/hsds/`): the same rows
as the HSDS export (confidential addresses never included), in the HSDA page format.
Public when the Table says so (HSDS_API_PUBLIC), otherwise for token holders. The rows come
from the cache (`directory/hsds_cache.py`): a request reads only what its page needs."""

import math
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from filet.api.permissions import CallerTakesPart
from filet.directory import hsds_cache

HSDS_VERSION = "3.0"
PROFILE = "https://docs.openreferral.org/en/v3.0/"
MAX_PER_PAGE = 100

PAGING = [
    OpenApiParameter("page", int, description="Page number, from 1."),
    OpenApiParameter("per_page", int, description="Results per page (at most 100)."),
]


class HsdsAccess(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        if getattr(settings, "HSDS_API_PUBLIC", False):
            return True
        return CallerTakesPart().has_permission(request, view)


def _whole(request: Request, name: str, default: int, upper: int) -> int:
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= upper:
        message = _("Enter a whole number from 1 to %(upper)s.") % {"upper": upper}
        raise ValidationError({name: [message]})
    return int(raw)


def page_of(request: Request, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The HSDA `Page` object around one page of rows."""
    per_page = _whole(request, "per_page", 50, MAX_PER_PAGE)
    pages = max(1, math.ceil(len(rows) / per_page))
    number = _whole(request, "page", 1, 10**6)
    contents = rows[(number - 1) * per_page : number * per_page]
    return {
        "total_items": len(rows),
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not contents,
        "contents": contents,
    }


class HsdsView(APIView):
    permission_classes = [HsdsAccess]


class Root(HsdsView):
    """What this API is: HSDS version and profile."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="hsds_root")
    def get(self, request: Request) -> Response:
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": PROFILE,
                "openapi_url": request.build_absolute_uri("/api/schema/"),
            }
        )


class Organizations(HsdsView):
    """Organizations, one-to-one fields only (HSDS organization_list)."""

    @extend_schema(
        parameters=PAGING, responses=OpenApiTypes.OBJECT, operation_id="hsds_organizations"
    )
    def get(self, request: Request) -> Response:
        return Response(page_of(request, hsds_cache.current().organizations))


class OrganizationDetail(HsdsView):
    """One organization, fully nested (HSDS organization)."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, id: str) -> Response:
        organization = hsds_cache.current().organization(id)
        if organization is None:
            raise NotFound
        return Response(organization)


class Services(HsdsView):
    """Services, one-to-one fields only (HSDS service_list)."""

    @extend_schema(
        parameters=[*PAGING, OpenApiParameter("organization_id", str)],
        responses=OpenApiTypes.OBJECT,
        operation_id="hsds_services",
    )
    def get(self, request: Request) -> Response:
        directory = hsds_cache.current()
        organization = request.query_params.get("organization_id")
        rows = directory.services_of(organization) if organization else directory.services
        return Response(page_of(request, rows))


class ServiceDetail(HsdsView):
    """One service, nested with its schedules, languages and attributes (HSDS service)."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, id: str) -> Response:
        found = hsds_cache.current().service(id)
        if found is None:
            raise NotFound
        service, organization = found
        return Response(service | {"organization": organization})
