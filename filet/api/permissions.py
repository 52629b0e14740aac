"""Who may hold API tokens, and what a call may do. The endpoints themselves ask each
app's own permissions.py, so the API never shows more than the pages."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from filet.accounts.models import User
from filet.api.models import ApiToken, Scope
from filet.organisations.permissions import takes_part

if TYPE_CHECKING:
    from rest_framework.views import APIView


def can_manage_tokens(user: User) -> bool:
    """Anyone who works in a partner; the technical administrator reads no content."""
    return takes_part(user)


def scope_for(method: str) -> str:
    return Scope.READ if method in SAFE_METHODS else Scope.WRITE


def token_allows(token: ApiToken | None, method: str) -> bool:
    """A session (the documentation page) acts with the person's full rights; a token
    within its scopes."""
    return token is None or token.allows(scope_for(method))


class CallerTakesPart(BasePermission):
    """Signed in (token or session), holding a working role, within the token's scopes."""

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
        return True
