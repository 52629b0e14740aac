from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.accounts import actions as account_actions
from filet.accounts.models import Invitation
from filet.directory import permissions as directory_permissions
from filet.directory.actions import profile_for
from filet.directory.forms import DirectorySearchForm
from filet.directory.models import Location
from filet.directory.search import search
from filet.directory.views import get_organisation_for_user as get_directory_organisation
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations import actions, permissions
from filet.organisations.forms import GrantRoleForm, InvitationForm
from filet.organisations.models import Membership, Organisation

DIRECTORY_PAGE_SIZE = 25


def get_organisation_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Organisation:
    """The organisation whose people the user may see (404 otherwise) and, with `write`,
    manage (403 for a colleague who may only look)."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_see_members(request.user, organisation):
        not_found(request, "organisation", pk)
    if write and not permissions.can_manage_members(request.user, organisation):
        raise PermissionDenied
    return organisation


def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The directory: search in either language, filter, one page of partners at a time."""
    form = DirectorySearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    page = Paginator(search(criteria), DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "searched": any(criteria.values()),
        "can_exchange_hsds": directory_permissions.can_exchange_hsds(request.user),
    }
    return render(request, "organisations/list.html", context)


def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A partner's profile. Everyone signed in reads it, except confidential addresses."""
    organisation = get_directory_organisation(request, pk)
    profile = profile_for(organisation)
    locations = Location.objects.visible_to(request.user, organisation).filter(
        organisation=organisation
    )
    context = {
        "organisation": organisation,
        "profile": profile,
        "territories": profile.territories.all() if profile.pk else [],
        "services": organisation.services.all(),
        "locations": locations,
        "phones": organisation.phones.all(),
        "emails": organisation.emails.all(),
        "seats": organisation.table_memberships.order_by("joined_on"),
        "can_see_members": permissions.can_see_members(request.user, organisation),
        "can_edit": directory_permissions.can_edit_profile(request.user, organisation),
    }
    return render(request, "organisations/detail.html", context)


def members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    return _render_members(request, organisation)


def _render_members(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    grant_form: GrantRoleForm | None = None,
    invite_form: InvitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roles = permissions.grantable_roles(request.user, organisation)
    can_manage = permissions.can_manage_members(request.user, organisation)
    memberships = (
        Membership.objects.current().filter(organisation=organisation).select_related("user")
    )
    context = {
        "organisation": organisation,
        "memberships": memberships,
        "can_manage": can_manage,
        "grantable": {role.value for role in roles},
        "invitations": organisation.invitations.pending() if can_manage else [],
        "grant_form": grant_form or GrantRoleForm(organisation=organisation, roles=roles),
        "invite_form": invite_form or InvitationForm(organisation=organisation, roles=roles),
    }
    return render(request, "organisations/members.html", context, status=status)


@require_POST
def grant(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, write=True)
    require_recent_authentication(request)
    roles = permissions.grantable_roles(request.user, organisation)
    form = GrantRoleForm(request.POST, organisation=organisation, roles=roles)
    if not form.is_valid():
        return _render_members(request, organisation, grant_form=form, status=400)
    actions.grant_role(
        by=request.user,
        user=form.cleaned_data["user"],
        organisation=organisation,
        role=form.cleaned_data["role"],
    )
    messages.success(request, _("The role is granted."))
    return redirect("organisations:members", pk=organisation.pk)


@require_POST
def revoke(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, write=True)
    membership = organisation.memberships.current().filter(pk=membership_pk).first()
    if membership is None:
        not_found(request, "membership", membership_pk)
    if not permissions.can_grant(request.user, organisation, membership.role):
        raise PermissionDenied
    require_recent_authentication(request)
    actions.revoke_role(membership, by=request.user)
    messages.success(request, _("The role is withdrawn."))
    return redirect("organisations:members", pk=organisation.pk)


@require_POST
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, write=True)
    require_recent_authentication(request)
    roles = permissions.grantable_roles(request.user, organisation)
    form = InvitationForm(request.POST, organisation=organisation, roles=roles)
    if not form.is_valid():
        return _render_members(request, organisation, invite_form=form, status=400)
    account_actions.invite(
        by=request.user,
        organisation=organisation,
        base_url=request.build_absolute_uri("/"),
        **form.cleaned_data,
    )
    messages.success(
        request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
    )
    return redirect("organisations:members", pk=organisation.pk)


@require_POST
def revoke_invitation(
    request: AuthenticatedHttpRequest, pk: int, invitation_pk: int
) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, write=True)
    invitation = Invitation.objects.pending().filter(pk=invitation_pk, organisation=organisation)
    found = invitation.first()
    if found is None:
        not_found(request, "invitation", invitation_pk)
    account_actions.revoke_invitation(found, by=request.user)
    messages.success(request, _("The invitation is withdrawn."))
    return redirect("organisations:members", pk=organisation.pk)
