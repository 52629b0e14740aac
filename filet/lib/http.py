"""Small helpers about HTTP requests."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind PROXY_COUNT trusted proxies, read X-Forwarded-For."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


if TYPE_CHECKING:
    from filet.accounts.models import User

    class AuthenticatedHttpRequest(HttpRequest):
        """A request past LoginRequiredMiddleware: its user is a real User."""

        user: User
else:
    AuthenticatedHttpRequest = HttpRequest
