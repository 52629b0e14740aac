"""The register of confidentiality incidents of one organisation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from filet.audit.actions import record
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.lib.spreadsheets import FORMATS, table_download
from filet.organisations.models import Organisation
from filet.privacy import actions, exports, permissions
from filet.privacy.forms import AssessmentForm, CloseForm, IncidentForm, NoticesForm
from filet.privacy.models import Incident, IncidentStatus

STALE = gettext_lazy("Someone else changed this incident meanwhile. Reload it, then redo.")


def _organisation(request: AuthenticatedHttpRequest, pk: int, *, write: bool) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_read_incidents(request.user, pk):
        not_found(request, "incident_register", pk)
    if write and not permissions.can_write_incidents(request.user, pk):
        raise PermissionDenied
    return organisation


def get_incident_for_user(request: AuthenticatedHttpRequest, pk: int, *, write: bool) -> Incident:
    """404 outside the organisation's officer and representative; 403 for the
    representative who tries to write; closed incidents are frozen."""
    incident = Incident.objects.select_related("organisation", "recorded_by").filter(pk=pk).first()
    if incident is None or not permissions.can_read_incidents(
        request.user, incident.organisation_id
    ):
        not_found(request, "incident", pk)
    if write and (
        not permissions.can_write_incidents(request.user, incident.organisation_id)
        or incident.status == IncidentStatus.CLOSED
    ):
        raise PermissionDenied
    return incident


def incidents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, write=False)
    rows = Incident.objects.filter(organisation=organisation).select_related("recorded_by")
    context = {
        "organisation": organisation,
        "incidents": rows,
        "can_write": permissions.can_write_incidents(request.user, pk),
    }
    return render(request, "privacy/incidents.html", context)


def incident_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk, write=True)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incident = actions.record_incident(organisation, by=request.user, data=data,
                                           submission=data.get("submission") or "",
                                           request=request)  # fmt: skip
        messages.success(request, _("The incident is recorded in the register."))
        return redirect(incident)
    return _form_page(request, form, None, organisation, _("Record a confidentiality incident"))


def incident_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_user(request, pk, write=False)
    record(request.user, "incident.viewed", incident, organisation=incident.organisation,
           request=request)  # fmt: skip
    can_write = (
        permissions.can_write_incidents(request.user, incident.organisation_id)
        and incident.status != IncidentStatus.CLOSED
    )
    close_form = CloseForm(initial={"version": incident.version, "closed_on": timezone.localdate()})
    context = {"incident": incident, "can_write": can_write, "close_form": close_form}
    return render(request, "privacy/incident.html", context)


def _form_page(
    request: AuthenticatedHttpRequest,
    form: BaseForm,
    incident: Incident | None,
    organisation: Organisation,
    title: str,
    status: int | None = None,
) -> HttpResponse:
    context = {"form": form, "incident": incident, "organisation": organisation, "title": title}
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(request, "privacy/incident_form.html", context, status=status)


STEPS = {
    "edit": (IncidentForm, actions.change_incident, gettext_lazy("Correct the incident")),
    "assess": (
        AssessmentForm,
        actions.assess_incident,
        gettext_lazy("Assess the risk of serious injury"),
    ),
    "notify": (NoticesForm, actions.record_notices, gettext_lazy("Record the notices")),
}


def _step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    incident = get_incident_for_user(request, pk, write=True)
    form_class, action, title = STEPS[step]
    form = form_class(request.POST or None, instance=incident)
    if request.method == "POST" and form.is_valid():
        try:
            version = form.cleaned_data.get("version") or 0
            action(incident, by=request.user, data=form.cleaned_data,
                   expected_version=version, request=request)  # fmt: skip
        except actions.StaleEdit:
            form.add_error(None, STALE)
            return _form_page(request, form, incident, incident.organisation, str(title), 409)
        messages.success(request, _("The incident is saved."))
        return redirect(incident)
    return _form_page(request, form, incident, incident.organisation, str(title))


def incident_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "edit")


def incident_assess(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "assess")


def incident_notify(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "notify")


def incident_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident = get_incident_for_user(request, pk, write=True)
    if request.method != "POST":
        return redirect(incident)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of closure."))
        return redirect(incident)
    try:
        data = form.cleaned_data
        actions.close_incident(incident, by=request.user, on=data["closed_on"],
                               expected_version=data["version"], request=request)  # fmt: skip
    except actions.StaleEdit:
        messages.error(request, STALE)
    except actions.NotClosable:
        messages.error(request, _("Assess the risk, record the notices a serious risk requires "
                                  "and the measures taken before closing."))  # fmt: skip
    else:
        messages.success(request, _("The incident is closed."))
    return redirect(incident)


def incidents_export(request: AuthenticatedHttpRequest, pk: int, file_format: str) -> HttpResponse:
    organisation = _organisation(request, pk, write=False)
    if file_format not in FORMATS:
        not_found(request, "export_format", file_format)
    require_recent_authentication(request)
    rows = Incident.objects.filter(organisation=organisation).select_related("recorded_by")
    record(request.user, "incident.exported", organisation, organisation=organisation,
           request=request, file_format=file_format, count=len(rows))  # fmt: skip
    return table_download(file_format, _("Incidents"), exports.incident_headers(),
                          exports.incident_rows(rows), f"incidents-{organisation.pk}")  # fmt: skip
