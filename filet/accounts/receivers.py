"""Authentication events arrive as signals from Django, allauth and axes; each becomes an
audit entry. Nothing else happens here."""

import time
from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import (
    authentication_failed,
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
)
from axes.signals import user_locked_out

from filet.accounts.auth import axes_username
from filet.accounts.middleware import LOGIN_AT, MFA_OK, SEEN_AT
from filet.audit.actions import record
from filet.audit.models import Outcome


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now
    record(user, "auth.login", request=request)


@receiver(user_logged_out)
def on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, "auth.logout", request=request)


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    login = axes_username(request, credentials)
    record(None, "auth.login_failed", request=request, outcome=Outcome.FAILURE, login=login)


@receiver(user_locked_out)
def on_locked_out(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    record(None, "auth.locked_out", request=request, outcome=Outcome.DENIED, login=username)


@receiver(password_changed)
def on_password_changed(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(user, "auth.password_changed", request=request)


@receiver(password_reset)
def on_password_reset(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(user, "auth.password_reset", request=request)


def _end_other_sessions(request: HttpRequest, user: Any) -> None:
    # A new stamp invalidates every session's auth hash; this one is then re-signed.
    user.security_stamp = user.__class__._meta.get_field("security_stamp").get_default()
    user.save(update_fields=["security_stamp"])
    if request is not None and getattr(request, "user", None) == user:
        update_session_auth_hash(request, user)
        request.session.pop(MFA_OK, None)


@receiver(authenticator_added)
def on_authenticator_added(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any
) -> None:
    record(user, "mfa.enabled", request=request, kind=authenticator.type)
    _end_other_sessions(request, user)


@receiver(authenticator_removed)
def on_authenticator_removed(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any
) -> None:
    record(user, "mfa.removed", request=request, kind=authenticator.type)
    _end_other_sessions(request, user)


@receiver(authenticator_reset)
def on_authenticator_reset(
    sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any
) -> None:
    record(user, "mfa.recovery_codes_generated", request=request, kind=authenticator.type)


@receiver(authentication_failed)
def on_mfa_failed(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(user, "mfa.failed", request=request, outcome=Outcome.FAILURE)
