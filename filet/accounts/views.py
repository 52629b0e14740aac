from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.accounts import actions
from filet.accounts.forms import AcceptInvitationForm, PreferencesForm
from filet.accounts.models import Invitation, Language
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.permissions import takes_part


@login_not_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.by_token(token).select_related("organisation").first()
    if invitation is None or not invitation.is_usable:
        return render(request, "accounts/invitation_invalid.html", status=404)
    translation.activate(invitation.language)
    existing = request.user.is_authenticated and request.user.email == invitation.email
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and (existing or form.is_valid()):
        password = None if existing else form.cleaned_data["password1"]
        actions.accept_invitation(invitation, password=password, request=request)
        messages.success(request, _("Welcome to Filet. Log in, then set up two-step verification."))
        return redirect("dashboard:home" if existing else "account_login")
    context = {"invitation": invitation, "form": form, "existing": existing}
    return render(request, "accounts/accept_invitation.html", context)


def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        actions.update_preferences(
            request.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
            request=request,
        )
        response = redirect("accounts:preferences")
        _remember_language(response, form.cleaned_data["language"])
        messages.success(request, _("Your preferences are saved."))
        return response
    memberships = request.user.active_memberships
    context = {
        "form": form,
        "memberships": memberships,
        # The technical administrator reads no content, through the API either.
        "uses_api": takes_part(request.user),
    }
    return render(request, "accounts/preferences.html", context)


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person's choice is kept on their profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = redirect(next_url)
    if language in Language.values:
        _remember_language(response, language)
        if request.user.is_authenticated and request.user.language != language:
            actions.update_preferences(
                request.user, full_name=request.user.full_name, language=language, request=request
            )
    return response


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=False,
    )


@login_not_required
def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """django-axes' answer once an account is locked: says when to try again (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)
