"""The catalogue: modules and their versions, requirements per role, self-declarations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.models import Membership
from filet.training import actions, permissions
from filet.training.forms import DeclarationForm, ModuleForm, RequirementForm, VersionForm
from filet.training.models import (
    Completion,
    CompletionStatus,
    Module,
    ModuleVersion,
    Requirement,
    Session,
)
from filet.training.views.access import form_data, get_declaration_for_user, get_module_for_user


def modules(request: AuthenticatedHttpRequest) -> HttpResponse:
    latest = ModuleVersion.objects.latest_per_module()
    items = Module.objects.prefetch_related(
        Prefetch("versions", queryset=latest, to_attr="latest"), "requirements"
    )
    if not permissions.can_manage(request.user):
        items = items.filter(is_active=True)
    context = {"modules": items, "can_manage": permissions.can_manage(request.user)}
    return render(request, "training/modules.html", context)


def module(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_module_for_user(request, pk)
    versions = list(item.versions.select_related("published_by"))
    context = {
        "module": item,
        "versions": versions,
        "latest": versions[0] if versions else None,
        "requirements": item.requirements.all(),
        "sessions": Session.objects.upcoming().filter(version__module=item),
        "mine": Completion.objects.filter(user=request.user, version__module=item)
        .exclude(status=CompletionStatus.REJECTED)
        .select_related("version"),
        "can_manage": permissions.can_manage(request.user),
        "can_register": permissions.can_register(request.user),
    }
    return render(request, "training/module.html", context)


def module_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _module_form(request, None)


def module_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _module_form(request, get_module_for_user(request, pk, write=True))


def _module_form(request: AuthenticatedHttpRequest, item: Module | None) -> HttpResponse:
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    initial = {"revision": item.revision if item else 0}
    form = ModuleForm(form_data(request), instance=item, initial=initial)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "training/module_form.html", {"form": form, "module": item}, status=status
        )
    fields = {name: form.cleaned_data[name] for name in actions.MODULE_FIELDS}
    try:
        saved = actions.save_module(
            item, by=request.user, revision=form.cleaned_data["revision"], **fields
        )
    except actions.StaleEdit:
        form.add_error(
            None,
            _(
                "Someone changed this module while you were editing it. "
                "Reload the page to see their version."
            ),
        )
        return render(
            request, "training/module_form.html", {"form": form, "module": item}, status=409
        )
    messages.success(request, _("The module is saved."))
    return redirect(saved)


def version_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_module_for_user(request, pk, write=True)
    form = VersionForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        version = actions.publish_version(item, by=request.user, **form.cleaned_data)
        messages.success(
            request, _("Version %(number)s is published.") % {"number": version.number}
        )
        return redirect(item)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "training/version_form.html", {"form": form, "module": item}, status=status
    )


def declare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_module_for_user(request, pk)
    version = item.versions.order_by("-number").first()
    if version is None or not permissions.can_register(request.user):
        raise PermissionDenied
    form = DeclarationForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.declare_completion(version, user=request.user, **form.cleaned_data)
        except actions.AlreadyDeclared:
            messages.info(request, _("This version is already on your record."))
        else:
            messages.success(request, _("Your declaration is sent for review."))
        return redirect(item)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "module": item, "version": version}
    return render(request, "training/declare.html", context, status=status)


def requirements(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_manage = permissions.can_manage(request.user)
    form = RequirementForm(form_data(request))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            actions.require_module(
                form.cleaned_data["module"], role=form.cleaned_data["role"], by=request.user
            )
            messages.success(request, _("The requirement is set."))
            return redirect("training:requirements")
    context = {
        "requirements": Requirement.objects.select_related("module"),
        "form": form,
        "can_manage": can_manage,
    }
    return render(
        request, "training/requirements.html", context, status=400 if form.errors else 200
    )


@require_POST
def requirement_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    requirement = Requirement.objects.filter(pk=pk).first()
    if requirement is None:
        not_found(request, "training_requirement", pk)
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    actions.drop_requirement(requirement, by=request.user)
    messages.success(request, _("The requirement is removed."))
    return redirect("training:requirements")


def reviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope = permissions.coverage_organisation_ids(request.user)
    if scope is not None and not scope:
        raise PermissionDenied
    pending = Completion.objects.filter(status=CompletionStatus.PENDING).exclude(user=request.user)
    if scope is not None:
        people = Membership.objects.current().filter(organisation__in=scope).values("user")
        pending = pending.filter(user__in=people)
    pending = pending.select_related("user", "version__module").order_by("created_at", "pk")
    return render(request, "training/reviews.html", {"pending": pending})


@require_POST
def review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    completion = get_declaration_for_user(request, pk)
    decision = request.POST.get("decision")
    if decision not in {"approve", "reject"}:
        messages.error(request, _("Choose to accept or refuse the declaration."))
        return redirect("training:reviews")
    link = request.build_absolute_uri(completion.version.module.get_absolute_url())
    actions.review_declaration(
        completion, by=request.user, approve=decision == "approve", link=link
    )
    messages.success(request, _("The declaration is reviewed."))
    return redirect("training:reviews")
