from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.audit.actions import record
from filet.directory import actions, hsds, hsds_import, permissions, snapshots
from filet.directory.forms import (
    EmailFormSet,
    HsdsImportForm,
    JoinTableForm,
    LeaveTableForm,
    LocationFormSet,
    OrganisationNamesForm,
    PhoneFormSet,
    ProfileForm,
    ServiceFormSet,
    TableForm,
    WorkingGroupForm,
)
from filet.directory.models import (
    Location,
    Profile,
    ProfileVersion,
    Table,
    TableMembership,
    WorkingGroup,
)
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.models import Membership, Organisation, Role
from filet.organisations.permissions import is_coordinator

IMPORT_SALT = "filet.directory.hsds_import"
IMPORT_MAX_AGE = 30 * 60


def get_organisation_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Organisation:
    """An active partner: everyone signed in reads the directory; with `write`, only its
    representative or the coordinator (403 for the others, who may read it)."""
    organisation = Organisation.objects.active().select_related("profile").filter(pk=pk).first()
    if organisation is None or not permissions.can_read_directory(request.user):
        not_found(request, "organisation", pk)
    if write and not permissions.can_edit_profile(request.user, organisation):
        raise PermissionDenied
    return organisation


def _require_coordinator(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_edit_table(request.user):
        raise PermissionDenied


# --- Profiles ----------------------------------------------------------------------------


def profile_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk, write=True)
    profile = actions.profile_for(organisation)
    forms = _profile_forms(request, organisation, profile)
    if request.method == "POST" and all(form.is_valid() for form in forms.values()):
        try:
            actions.save_profile(
                profile,
                by=request.user,
                organisation_fields=forms["names"].cleaned_data,
                territories=forms["profile"].cleaned_data["territories"],
                children=[forms[key] for key in ("services", "locations", "phones", "emails")],
                expected_revision=forms["profile"].cleaned_data["revision"],
                request=request,
            )
        except actions.StaleProfile:
            message = _("Someone else saved this profile meanwhile. Reload it, then redo.")
            forms["profile"].add_error(None, message)
            return _render_edit(request, organisation, forms, status=409)
        messages.success(request, _("The profile is saved."))
        return redirect(organisation)
    return _render_edit(
        request, organisation, forms, status=400 if request.method == "POST" else 200
    )


def _profile_forms(
    request: AuthenticatedHttpRequest, organisation: Organisation, profile: Profile
) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    locations = Location.objects.visible_to(request.user, organisation)
    return {
        "names": OrganisationNamesForm(
            data,
            instance=organisation,
            prefix="org",
            can_change_type=is_coordinator(request.user),
        ),
        "profile": ProfileForm(data, instance=profile, prefix="profile"),
        "services": ServiceFormSet(data, instance=organisation, prefix="services"),
        "locations": LocationFormSet(
            data, instance=organisation, prefix="locations", queryset=locations
        ),
        "phones": PhoneFormSet(data, instance=organisation, prefix="phones"),
        "emails": EmailFormSet(data, instance=organisation, prefix="emails"),
    }


def _render_edit(
    request: HttpRequest, organisation: Organisation, forms: dict[str, Any], status: int
) -> HttpResponse:
    context = {"organisation": organisation, **forms}
    return render(request, "directory/profile_edit.html", context, status=status)


def profile_versions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    profile = actions.profile_for(organisation)
    versions = ProfileVersion.objects.filter(profile_id=profile.pk).select_related("created_by")
    context = {"organisation": organisation, "versions": versions}
    return render(request, "directory/versions.html", context)


def profile_version(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    """One version compared with another (by default, the one before it)."""
    organisation = get_organisation_for_user(request, pk)
    profile = actions.profile_for(organisation)
    versions = ProfileVersion.objects.filter(profile_id=profile.pk).select_related("created_by")
    version = versions.filter(number=number).first()
    if version is None:
        not_found(request, "profile_version", f"{pk}/{number}")
    other = versions.filter(number=_int(request.GET.get("avec"), default=number - 1)).first()
    changes = snapshots.compare(
        other.snapshot if other else {},
        version.snapshot,
        confidential=permissions.can_see_confidential(request.user, organisation),
    )
    context = {
        "organisation": organisation,
        "version": version,
        "other": other,
        "changes": changes,
        "numbers": versions.values_list("number", flat=True),
    }
    return render(request, "directory/version.html", context)


def _int(value: str | None, *, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


# --- The Table ---------------------------------------------------------------------------


def table(request: AuthenticatedHttpRequest) -> HttpResponse:
    representatives = Prefetch(
        "organisation__memberships",
        queryset=Membership.objects.current()
        .filter(role=Role.REPRESENTATIVE)
        .select_related("user"),
        to_attr="representatives",
    )
    today = timezone.localdate()
    memberships = TableMembership.objects.select_related("organisation")
    groups = WorkingGroup.objects.prefetch_related("organisations", "people")
    context = {
        "table": Table.load(),
        "current": memberships.current(today).prefetch_related(representatives),
        "history": memberships.order_by("joined_on", "organisation__name_fr"),
        "groups": groups,
        "can_edit": permissions.can_edit_table(request.user),
    }
    return render(request, "directory/table.html", context)


def table_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    table_row = Table.load()
    form = TableForm(request.POST if request.method == "POST" else None, instance=table_row)
    if request.method == "POST" and form.is_valid():
        actions.update_table(form.instance, by=request.user, request=request)
        messages.success(request, _("The Table's description is saved."))
        return redirect("directory:table")
    return _render_table_edit(request, form, JoinTableForm(), status=400 if form.errors else 200)


def _render_table_edit(
    request: HttpRequest, form: TableForm, join_form: JoinTableForm, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "join_form": join_form,
        "current": TableMembership.objects.current().select_related("organisation"),
        "groups": WorkingGroup.objects.all(),
    }
    return render(request, "directory/table_edit.html", context, status=status)


@require_POST
def table_join(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = JoinTableForm(request.POST)
    if not form.is_valid():
        return _render_table_edit(request, TableForm(instance=Table.load()), form, status=400)
    actions.add_table_member(
        form.cleaned_data["organisation"],
        by=request.user,
        joined_on=form.cleaned_data["joined_on"],
        note=form.cleaned_data["note"],
        request=request,
    )
    messages.success(request, _("The organisation now sits at the Table."))
    return redirect("directory:table_edit")


@require_POST
def table_leave(request: AuthenticatedHttpRequest, membership_pk: int) -> HttpResponse:
    _require_coordinator(request)
    membership = TableMembership.objects.filter(pk=membership_pk, left_on__isnull=True).first()
    if membership is None:
        not_found(request, "table_membership", membership_pk)
    form = LeaveTableForm(request.POST, membership=membership)
    if not form.is_valid():
        errors = [str(error) for error in form.errors.get("left_on", [])]
        messages.error(request, " ".join(errors) or _("Give a valid date."))
        return redirect("directory:table_edit")
    actions.end_table_membership(
        membership, by=request.user, left_on=form.cleaned_data["left_on"], request=request
    )
    messages.success(request, _("The organisation has left the Table; its history is kept."))
    return redirect("directory:table_edit")


def group_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_coordinator(request)
    return _group_form(request, WorkingGroup())


def group_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    group = WorkingGroup.objects.filter(pk=pk).first()
    if group is None:
        not_found(request, "working_group", pk)
    return _group_form(request, group)


def _group_form(request: AuthenticatedHttpRequest, group: WorkingGroup) -> HttpResponse:
    form = WorkingGroupForm(request.POST if request.method == "POST" else None, instance=group)
    if request.method == "POST" and form.is_valid():
        actions.save_working_group(
            form.instance,
            by=request.user,
            organisations=form.cleaned_data["organisations"],
            people=form.cleaned_data["people"],
            request=request,
        )
        messages.success(request, _("The working group is saved."))
        return redirect("directory:table")
    context = {"form": form, "group": group}
    status = 400 if form.errors else 200
    return render(request, "directory/group_form.html", context, status=status)


# --- Open Referral HSDS ------------------------------------------------------------------


def hsds_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_exchange_hsds(request.user):
        raise PermissionDenied
    require_recent_authentication(request)
    file_format = "csv" if request.GET.get("format") == "csv" else "json"
    tables = hsds.build_tables()
    record(
        request.user,
        "hsds.exported",
        request=request,
        format=file_format,
        counts=hsds.summary(tables),
    )
    stamp = timezone.localdate().isoformat()
    if file_format == "csv":
        response = HttpResponse(hsds.to_zip_bytes(tables), content_type="application/zip")
        name = f"filet-hsds-{stamp}.zip"
    else:
        response = HttpResponse(hsds.to_json_bytes(tables), content_type="application/json")
        name = f"filet-hsds-{stamp}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def hsds_import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload → preview (a dry run) → apply. The previewed package travels back signed, so
    what is applied is exactly what was previewed."""
    if not permissions.can_exchange_hsds(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "directory/hsds_import.html", {"form": HsdsImportForm()})
    require_recent_authentication(request)
    if "package_token" in request.POST:
        return _apply_import(request)
    form = HsdsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "directory/hsds_import.html", {"form": form}, status=400)
    upload = form.cleaned_data["package"]
    try:
        tables = hsds_import.read_upload(upload.name, upload.read())
    except hsds_import.UnreadableFile as error:
        report = hsds_import.Report(problems=[error.problem])
        return _render_import(request, form, report, status=400)
    report = hsds_import.import_package(tables, by=request.user, dry_run=True, source=upload.name)
    token = signing.dumps({"name": upload.name, "tables": tables}, salt=IMPORT_SALT, compress=True)
    return _render_import(request, form, report, token=token, status=200 if report.ok else 400)


def _apply_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    try:
        package = signing.loads(
            request.POST["package_token"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE
        )
    except signing.BadSignature:
        messages.error(request, _("The preview has expired. Upload the file again."))
        return redirect("directory:hsds_import")
    report = hsds_import.import_package(
        package["tables"], by=request.user, dry_run=False, source=package["name"]
    )
    if not report.applied:
        return _render_import(request, HsdsImportForm(), report, status=400)
    counts = report.counts()
    messages.success(
        request,
        _("Import done: %(create)s partners created, %(update)s updated.") % counts,
    )
    return redirect("organisations:list")


def _render_import(
    request: HttpRequest,
    form: HsdsImportForm,
    report: hsds_import.Report,
    token: str = "",  # nosec B107  # the import preview's signed token, none yet
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "report": report, "token": token if report.ok else ""}
    return render(request, "directory/hsds_import.html", context, status=status)
