"""Privacy notices, the retention schedule, what is due for destruction, and access
requests. The incident register lives in incident_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from filet.accounts.models import User
from filet.audit.actions import record
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.models import Organisation
from filet.privacy import access, actions, due, permissions
from filet.privacy.forms import NoticeForm, RetentionForm
from filet.privacy.models import PrivacyNotice, PurgeRun
from filet.privacy.schedule import FIXED, months_for, periods, rules

PARTNERS_PER_PAGE = 30  # a region's Table fits on one page


def _require_reader(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_read_notices(request.user):
        not_found(request, "privacy", "")


def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The Table's notice, the partners' notices a page at a time, and the person's tools."""
    _require_reader(request)
    page = Paginator(Organisation.objects.active(), PARTNERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    shown = [o.pk for o in page]
    notices = {
        n.organisation_id: n
        for n in PrivacyNotice.objects.filter(Q(organisation=None) | Q(organisation__in=shown))
    }
    officer_of = permissions.officer_organisation_ids(request.user)
    context = {
        "table_notice": notices.get(None),
        "can_edit_table": permissions.can_edit_notice(request.user, None),
        "page": page,
        "organisations": [(o, notices.get(o.pk)) for o in page],
        "officer_of": Organisation.objects.filter(pk__in=officer_of),
        "registers": Organisation.objects.filter(
            pk__in=permissions.incident_organisation_ids(request.user)
        ),
        "can_set_retention": permissions.can_set_retention(request.user),
    }
    return render(request, "privacy/index.html", context)


def notice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        not_found(request, "organisation", pk)
    context = {
        "organisation": organisation,
        "notice": PrivacyNotice.objects.filter(organisation=organisation).first(),
        "can_edit": permissions.can_edit_notice(request.user, pk),
    }
    return render(request, "privacy/notice.html", context)


def _edit_notice(
    request: AuthenticatedHttpRequest, organisation: Organisation | None
) -> HttpResponse:
    notice = PrivacyNotice.objects.filter(organisation=organisation).first()
    notice = notice or PrivacyNotice(organisation=organisation)
    form = NoticeForm(request.POST or None, instance=notice)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_notice(notice, by=request.user, data=form.cleaned_data,
                                expected_version=form.cleaned_data.get("version") or 0,
                                request=request)  # fmt: skip
        except actions.StaleEdit:
            form.add_error(None, _("Someone else changed this notice meanwhile. Reload it."))
            context = {"form": form, "organisation": organisation}
            return render(request, "privacy/notice_form.html", context, status=409)
        messages.success(request, _("The privacy notice is published."))
        if organisation is None:
            return redirect("privacy:index")
        return redirect("privacy:notice", pk=organisation.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "privacy/notice_form.html", context, status=status)


def notice_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_read_notices(request.user):
        not_found(request, "organisation", pk)
    if not permissions.can_edit_notice(request.user, pk):
        raise PermissionDenied
    return _edit_notice(request, organisation)


def table_notice_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    if not permissions.can_edit_notice(request.user, None):
        raise PermissionDenied
    return _edit_notice(request, None)


def schedule(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every kind of record, its period and its basis."""
    _require_reader(request)
    chosen = periods()
    kinds = [(rule, months_for(rule, chosen)) for rule in rules()]
    return render(request, "privacy/schedule.html", {"rules": kinds, "fixed": FIXED})


def retention(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator sets the Table's period for each kind with a retention rule."""
    _require_reader(request)
    if not permissions.can_set_retention(request.user):
        raise PermissionDenied
    form = RetentionForm(request.POST or None, rules=rules(), current=periods())
    if request.method == "POST" and form.is_valid():
        changed = actions.set_retention_periods(form.cleaned_data, by=request.user,
                                                request=request)  # fmt: skip
        messages.success(request, _("The retention periods are saved."))
        if changed:
            return redirect("privacy:schedule")
        return redirect("privacy:retention")
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/retention.html", {"form": form}, status=status)


def due_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """What is due for destruction and what was destroyed, for a privacy officer."""
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_see_retention_due(request.user, pk):
        not_found(request, "retention_due", pk)
    labels = {rule.kind: rule.label for rule in rules()}
    context = {
        "organisation": organisation,
        "rows": due.summary(organisation, timezone.now()),
        "runs": [(run, labels.get(run.kind, run.kind)) for run in PurgeRun.objects.all()[:50]],
    }
    return render(request, "privacy/due.html", context)


def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Everyone reaches it, the technical administrator too, who reads no notices.
    context = {"can_read_notices": permissions.can_read_notices(request.user)}
    return render(request, "privacy/my_data.html", context)


def _json(
    request: AuthenticatedHttpRequest, person: User, organisation: Organisation | None
) -> HttpResponse:
    require_recent_authentication(request)
    document = access.personal_data(person)
    record(request.user, "privacy.data_exported", person, organisation=organisation,
           request=request, person=person.pk)  # fmt: skip
    response = HttpResponse(access.as_json(document), content_type="application/json")
    name = f"filet-renseignements-{person.pk}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def my_data_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A person downloads everything Filet holds about them (access and portability)."""
    return _json(request, request.user, None)


def _officer_organisation(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_export_for_others(request.user, pk):
        not_found(request, "access_requests", pk)
    return organisation


def _people_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(memberships__organisation=organisation).distinct().order_by("full_name")
    )


def people(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = _officer_organisation(request, pk)
    context = {"organisation": organisation, "people": _people_of(organisation)}
    return render(request, "privacy/people.html", context)


def person_export(request: AuthenticatedHttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """A privacy officer answers an access request of a person of their organisation
    (present or past member); anyone else's does not exist for them."""
    organisation = _officer_organisation(request, pk)
    person = User.objects.filter(pk=person_pk, memberships__organisation=organisation).first()
    if person is None:
        not_found(request, "person", person_pk)
    return _json(request, person, organisation)
