"""Who may hold API tokens, and what a call may do. The endpoints themselves ask each
app's own permissions.py, so the API never shows more than the pages."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from filet.accounts.models import User
from filet.api.models import ApiToken, Area, Scope
from filet.organisations.permissions import takes_part

if TYPE_CHECKING:
    from rest_framework.views import APIView

# The area of each endpoint, by the module that defines its view: every endpoint of a module
# shares its area (tests/api/test_token_areas.py fails for an API URL placed in none).
AREAS = {
    "filet.api.endpoints.directory": Area.DIRECTORY,
    "filet.api.endpoints.hsds": Area.DIRECTORY,
    "filet.api.endpoints.matrix": Area.MATRIX,
    "filet.api.endpoints.pivots": Area.PIVOTS,
    "filet.api.endpoints.safety_net": Area.SAFETY_NET,
    "filet.api.endpoints.observatory": Area.OBSERVATORY,
    "filet.api.endpoints.table": Area.TABLE,
}
# The schema and its documentation page describe the API and show no data.
WITHOUT_AREA = frozenset({"drf_spectacular.views", "filet.api.views"})


def can_manage_tokens(user: User) -> bool:
    """Anyone who works in a partner; the technical administrator reads no content."""
    return takes_part(user)


def scope_for(method: str) -> str:
    return Scope.READ if method in SAFE_METHODS else Scope.WRITE


def area_for(view_class: type) -> Area | None:
    return AREAS.get(view_class.__module__)


def token_allows(token: ApiToken | None, method: str) -> bool:
    """A session (the documentation page) acts with the person's full rights; a token
    within its scopes."""
    return token is None or token.allows(scope_for(method))


def token_reaches(token: ApiToken | None, view_class: type) -> bool:
    """A session reaches every area; a token its own areas and the schema. A view placed
    in no area opens to no token."""
    if token is None or view_class.__module__ in WITHOUT_AREA:
        return True
    area = area_for(view_class)
    return area is not None and token.opens(area)


class CallerTakesPart(BasePermission):
    """Signed in (token or session), holding a working role, within the token's scopes
    and areas."""

    def has_permission(self, request: Request, view: "APIView") -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if not takes_part(user):
            # As on the pages: a person without a working role finds no content at all.
            raise NotFound
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if not token_allows(token, request.method or "GET"):
            raise PermissionDenied(_("This token does not have the scope this request needs."))
        if not token_reaches(token, type(view)):
            raise PermissionDenied(_("This token does not open this area of Filet."))
        return True
