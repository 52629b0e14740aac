"""`Authorization: Bearer <token>`: the token acts as its owner, in the owner's language."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from filet.accounts.models import User
from filet.api import actions
from filet.api.models import ApiToken

MAX_TOKEN_LENGTH = 100


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2 or len(parts[1]) > MAX_TOKEN_LENGTH:
            raise AuthenticationFailed(_("The token is missing or malformed."))
        secret = parts[1].decode("ascii", errors="replace")
        token = ApiToken.objects.usable().by_token(secret).select_related("user").first()
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("The token is unknown, expired or revoked."))
        actions.touch(token)
        # Filet ignores Accept-Language: answers come in the owner's chosen language. The
        # language middleware restores its own choice when the request ends.
        translation.activate(token.user.language)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="filet"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "filet.api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Personal access token (Filet › Your account › API tokens): it reads, or "
                "reads and writes, in the areas of Filet it was given."
            ),
        }
