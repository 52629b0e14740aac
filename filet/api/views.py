"""The account page where a person creates (after re-authentication, shown once), reviews
and revokes their API tokens, and the documentation page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.views import SpectacularSwaggerSplitView

from filet.api import actions, permissions
from filet.api.models import ApiToken
from filet.api.tokenforms import TokenForm
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest

SHOWN = 20


def _require_token_holder(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_manage_tokens(request.user):
        not_found(request, "api_tokens", request.user.pk)


def _page(
    request: AuthenticatedHttpRequest, form: TokenForm, *, secret: str = "", status: int = 200
) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=request.user)[:SHOWN]
    context = {"form": form, "tokens": tokens, "secret": secret}
    return render(request, "api/tokens.html", context, status=status)


def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_token_holder(request)
    return _page(request, TokenForm())


@require_POST
def token_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_token_holder(request)
    require_recent_authentication(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    _token, secret = actions.create_token(
        by=request.user,
        name=form.cleaned_data["name"],
        scopes=form.cleaned_data["scopes"],
        areas=form.cleaned_data["areas"],
        expires_at=form.cleaned_data["expires_at"],
        request=request,
    )
    # Rendered, not redirected: the token is shown this once and kept nowhere.
    return _page(request, TokenForm(), secret=secret)


@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_token_holder(request)
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        not_found(request, "api_token", pk)
    if actions.revoke_token(token, by=request.user, request=request):
        messages.success(request, _("The token is revoked: it no longer opens anything."))
    return redirect("api:tokens")


class Documentation(SpectacularSwaggerSplitView):
    """Swagger UI from the self-hosted sidecar files: its start-up script is a separate
    file, so the page runs under Filet's strict Content-Security-Policy."""

    template_name = "api/docs.html"
    url_name = "api:schema"
    title = "Filet API"


# A page like the others: an anonymous visitor is sent to the login page.
documentation = login_required(Documentation.as_view())
