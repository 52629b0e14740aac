from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.resources import actions, permissions, search, storage
from filet.resources.forms import FaqEntryForm, ResourceForm, SearchForm
from filet.resources.models import FaqEntry, Resource


def get_resource_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Resource:
    """A resource the user may see (else 404); with `write`, one they manage (else 403)."""
    resource = (
        Resource.objects.select_related("organisation", "stage", "uploaded_by", "translation_of")
        .filter(pk=pk)
        .first()
    )
    if resource is None or not permissions.can_see(request.user, resource):
        not_found(request, "resource", pk)
    if write and not permissions.can_manage(request.user, resource):
        raise PermissionDenied
    return resource


def _require_reader(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_read(request.user):
        not_found(request, "library", "list")


def library(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    form = SearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    drafts = permissions.can_edit_faq(request.user)
    context = {
        "form": form,
        "page": Paginator(search.search(request.user, criteria), 20).get_page(
            request.GET.get("page")
        ),
        "faq": search.faq(criteria, drafts=drafts),
        "can_upload": permissions.can_upload(request.user),
        "can_edit_faq": drafts,
        "searching": any(criteria.values()),
    }
    return render(request, "resources/library.html", context)


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk)
    pair = resource.translation_of or getattr(resource, "translation", None)
    context = {
        "resource": resource,
        "pair": pair if pair is not None and permissions.can_see(request.user, pair) else None,
        "can_manage": permissions.can_manage(request.user, resource),
    }
    return render(request, "resources/detail.html", context)


def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    if not permissions.can_upload(request.user):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, request.FILES or None, user=request.user, upload=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resource = actions.upload_resource(
            by=request.user,
            organisation=data["organisation"],
            data=data,
            file=data["file"],
            submission=data.get("submission") or "",
            request=request,
        )
        messages.success(request, _("The resource is in the library."))
        return redirect(resource)
    status = 400 if request.method == "POST" else 200
    return render(request, "resources/form.html", {"form": form}, status=status)


def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk, write=True)
    form = ResourceForm(request.POST or None, instance=resource, user=request.user, upload=False)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_resource(
                resource,
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version") or 0,
                request=request,
            )
        except actions.StaleEdit:
            form.add_error(None, _("Someone else changed this resource meanwhile. Reload it."))
            context = {"form": form, "resource": resource}
            return render(request, "resources/form.html", context, status=409)
        messages.success(request, _("The resource is saved."))
        return redirect(resource)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "resource": resource}
    return render(request, "resources/form.html", context, status=status)


@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    resource = get_resource_for_user(request, pk, write=True)
    actions.withdraw_resource(resource, by=request.user, request=request)
    messages.success(request, _("The resource is withdrawn from the library."))
    return redirect("resources:library")


def download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    resource = get_resource_for_user(request, pk)
    path = storage.path_of(resource.stored_name)
    if not path.is_file():
        not_found(request, "resource_file", pk)
    actions.record_download(resource, by=request.user, request=request)
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=resource.file_name,
        content_type=resource.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def faq_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _faq_form(request, None)


def faq_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    entry = FaqEntry.objects.filter(pk=pk).first()
    if entry is None or not (entry.is_published or permissions.can_edit_faq(request.user)):
        not_found(request, "faq_entry", pk)
    return _faq_form(request, entry)


def _faq_form(request: AuthenticatedHttpRequest, entry: FaqEntry | None) -> HttpResponse:
    _require_reader(request)
    if not permissions.can_edit_faq(request.user):
        raise PermissionDenied
    form = FaqEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_faq_entry(
                entry,
                by=request.user,
                data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version"),
                request=request,
            )
        except actions.StaleEdit:
            form.add_error(None, _("Someone else changed this entry meanwhile. Reload it."))
            return render(
                request, "resources/faq_form.html", {"form": form, "entry": entry}, status=409
            )
        messages.success(request, _("The FAQ entry is saved."))
        return redirect("resources:library")
    status = 400 if request.method == "POST" else 200
    return render(request, "resources/faq_form.html", {"form": form, "entry": entry}, status=status)
