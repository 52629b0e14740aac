"""Session limits and mandatory two-step verification."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator

from filet.audit.actions import record
from filet.lib.access import not_found
from filet.organisations.permissions import takes_part

LOGIN_AT = "filet_login_at"
SEEN_AT = "filet_seen_at"
MFA_OK = "filet_mfa_ok"

# Pages a person without a second factor may still reach: enrolment and the way out.
MFA_ENROLMENT_URLS = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_add_webauthn",
        "account_logout",
        "account_reauthenticate",
        "set_language",
    }
)


class SessionLimitsMiddleware:
    """Ends a session after 30 idle minutes or 12 hours, whichever comes first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and SESSION_KEY in request.session:
            # The account was deactivated or its stamp changed: end the session for good,
            # so that reactivating the account does not revive it.
            request.session.flush()
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.setdefault(LOGIN_AT, now)
            seen_at = request.session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT
            if idle or now - login_at > settings.SESSION_COOKIE_AGE:
                record(request.user, "auth.session_expired", request=request)
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(settings.LOGIN_URL)
            # Write at most once a minute: a session save per request costs a query.
            if now - seen_at > 60 or SEEN_AT not in request.session:
                request.session[SEEN_AT] = now
        return self.get_response(request)


def has_second_factor(user: object) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


class MandatoryMFAMiddleware:
    """Confines a signed-in person without a second factor to the enrolment pages.

    allauth offers MFA but cannot require it; this does. In demo mode only, the fictional
    demo accounts are exempt so that `make run` can be explored without an authenticator.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.session.get(MFA_OK):
            return self.get_response(request)
        if (settings.DEMO_MODE and user.is_demo) or has_second_factor(user):
            request.session[MFA_OK] = True
            return self.get_response(request)
        if self._is_enrolment(request):
            return self.get_response(request)
        messages.warning(
            request, _("Set up two-step verification to continue: it protects what Filet holds.")
        )
        return redirect("mfa_activate_totp")

    @staticmethod
    def _is_enrolment(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(request.path_info).url_name in MFA_ENROLMENT_URLS
        except Resolver404:
            return False


# What an account without any working role (a technical administrator, or a person whose
# roles were all withdrawn) may reach: its own account, the home page, and /admin/.
ROLELESS_NAMESPACES = frozenset({"dashboard", "accounts", "admin", "ops"})
# …and the information Filet holds about them (Law 25's right of access is everyone's).
ROLELESS_URLS = frozenset({"privacy:my_data", "privacy:my_data_export"})


class ContentRequiresRoleMiddleware:
    """The technical administrator runs the platform and reads no content (DOMAIN.md §2):
    without a role other than administrator, every content page answers 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not takes_part(user) and self._is_content(request):
            not_found(request, "content", request.path)
        return self.get_response(request)

    @staticmethod
    def _is_content(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        # allauth's pages (login, second factor, password) have no namespace.
        if match.view_name in ROLELESS_URLS:
            return False
        return bool(match.namespace) and match.namespace not in ROLELESS_NAMESPACES
