"""Response headers Django does not set by itself."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; no caching of signed-in pages; a logout wipes the
    browser's copy of the site."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.logout_path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        if request.method == "POST" and request.path == self._logout_path():
            # Not "cookies": the session is already gone server-side, and the language
            # cookie should survive so the login page stays in the person's language.
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    def _logout_path(self) -> str:
        if not self.logout_path:
            self.logout_path = reverse("account_logout")
        return self.logout_path
