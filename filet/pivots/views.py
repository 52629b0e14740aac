from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from filet.audit.actions import record
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.models import Organisation
from filet.organisations.roles import Role
from filet.pivots import actions, board, exports, followup, permissions, reports, search, whocache
from filet.pivots.forms import (
    AbsenceForm,
    ActivityForm,
    DesignationForm,
    MandateForm,
    MilieuForm,
    QuarterForm,
    WhoToCallForm,
    initial_for,
)
from filet.pivots.mandate import compare, initial_from
from filet.pivots.models import Activity, Designation, MandateVersion, Milieu

STALE = gettext_lazy(
    "Someone changed this designation while you were editing it. Reload the page to see "
    "their change."
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_caller(request: AuthenticatedHttpRequest, kind: str, pk: object = "") -> None:
    if not permissions.can_call(request.user):
        not_found(request, kind, pk)


def get_organisation_for_user(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    """An organisation whose pivots the user coordinates; its colleagues and the
    coordinator may look but not act (403); anyone else gets 404."""
    organisation = Organisation.objects.filter(pk=pk).first()
    user = request.user
    board_ids = permissions.board_organisation_ids(user)
    if organisation is None or not (
        board_ids is None or pk in board_ids or pk in user.organisation_ids()
    ):
        not_found(request, "organisation", pk)
    if not permissions.can_designate(user, organisation.pk):
        raise PermissionDenied
    return organisation


def get_designation_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Designation:
    """Designations are read by every partner (who to call spans them); only the
    organisation's representative changes them."""
    designation = Designation.objects.select_related("organisation", "pivot").filter(pk=pk).first()
    if designation is None or not permissions.can_call(request.user):
        not_found(request, "designation", pk)
    if write and not permissions.can_designate(request.user, designation.organisation_id):
        raise PermissionDenied
    return designation


def who_to_call(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where, for what, in which language → the right pivots and how to reach them."""
    _require_caller(request, "who_to_call")
    initial = {"language": "en" if request.user.language == "en" else "fr"}
    form = WhoToCallForm(request.GET or None, initial=initial)
    answer = None
    if form.is_valid():
        answer = whocache.find(
            search.question_from(form.cleaned_data),
            organisation_ids=request.user.organisation_ids(),
        )
    return render(request, "pivots/who_to_call.html", {"form": form, "answer": answer})


def card(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A pocket card for one milieu: its pivots and the lines to call, ready to print."""
    _require_caller(request, "milieu", pk)
    milieu = Milieu.objects.select_related("territory", "organisation").filter(pk=pk).first()
    if milieu is None:
        not_found(request, "milieu", pk)
    answer = search.find(
        search.Question(milieu=milieu), organisation_ids=request.user.organisation_ids()
    )
    return render(request, "pivots/card.html", {"milieu": milieu, "answer": answer})


def board_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordination board: own organisations for a representative; for the Table, one
    line per organisation, and any one organisation's board in full."""
    if not permissions.can_see_board(request.user):
        not_found(request, "pivot_board", "")
    ids = permissions.board_organisation_ids(request.user)
    chosen = request.GET.get("organisation", "")
    if ids is None and chosen.isdigit():
        ids_shown: set[int] | None = {int(chosen)}
    else:
        ids_shown = ids
    page = None
    if ids_shown is None:
        page, shown = board.summary(request.GET.get("page"))
    else:
        shown = board.build(ids_shown)
    context = {
        "board": shown,
        "page": page,
        "table_wide": ids_shown is None,
        "can_act": ids is not None,
    }
    return render(request, "pivots/board.html", context)


def designate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    form = DesignationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        designation = actions.designate(
            organisation,
            by=request.user,
            pivot=form.cleaned_data["pivot"],
            data=form.designation_data(),
        )
        messages.success(request, _("The pivot is designated."))
        return redirect(designation)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation}
    return render(request, "pivots/designation_form.html", context, status=status)


def designation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    designation = get_designation_for_user(request, pk)
    can_edit = permissions.can_designate(request.user, designation.organisation_id)
    context = {
        "designation": designation,
        "can_edit": can_edit,
        "absence_form": AbsenceForm() if can_edit else None,
        "contact": getattr(designation.pivot, "pivot_contact", None),
    }
    return render(request, "pivots/designation.html", context)


def designation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    designation = get_designation_for_user(request, pk, write=True)
    organisation = designation.organisation
    form = DesignationForm(
        request.POST or None,
        organisation=organisation,
        designation=designation,
        initial=initial_for(designation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_designation(
                designation,
                by=request.user,
                version=form.cleaned_data["version"] or 0,
                data=form.designation_data(),
            )
        except actions.StaleDesignation:
            form.add_error(None, STALE)
        else:
            messages.success(request, _("The designation is saved."))
            return redirect(designation)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation, "designation": designation}
    return render(request, "pivots/designation_form.html", context, status=status)


@require_POST
def designation_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    designation = get_designation_for_user(request, pk, write=True)
    actions.confirm_designation(designation, by=request.user)
    messages.success(request, _("The designation is confirmed for another year."))
    if request.POST.get("next") == "board":
        return redirect("pivots:board")
    return redirect(designation)


@require_POST
def designation_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    designation = get_designation_for_user(request, pk, write=True)
    actions.withdraw_designation(designation, by=request.user)
    messages.success(request, _("The designation is withdrawn."))
    return redirect("pivots:board")


@require_POST
def absence_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    designation = get_designation_for_user(request, pk, write=True)
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        context = {"designation": designation, "can_edit": True, "absence_form": form}
        return render(request, "pivots/designation.html", context, status=400)
    actions.add_absence(designation, by=request.user, **form.cleaned_data)
    messages.success(request, _("The absence is recorded."))
    return redirect(designation)


def milieux(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organisation's named milieux (institutions, never people), and a new one."""
    organisation = get_organisation_for_user(request, pk)
    form = MilieuForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        actions.create_milieu(organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("The milieu is added."))
        return redirect("pivots:milieux", pk=organisation.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "milieux": organisation.milieux.select_related("territory"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "pivots/milieux.html", context, status=status)


def mandate(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The current roles and mandates of pivots, and the pivot's acknowledgement."""
    _require_caller(request, "mandate")
    current = MandateVersion.objects.current()
    acknowledged = bool(current and current.acknowledgements.filter(pivot=request.user).exists())
    context = {
        "version": current,
        "versions": MandateVersion.objects.all(),
        "is_pivot": permissions.is_pivot(request.user),
        "acknowledged": acknowledged,
        "can_adopt": permissions.can_adopt_mandate(request.user),
    }
    return render(request, "pivots/mandate.html", context)


def mandate_version(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    _require_caller(request, "mandate_version", number)
    version = MandateVersion.objects.filter(number=number).first()
    if version is None:
        not_found(request, "mandate_version", number)
    return render(request, "pivots/mandate_version.html", {"version": version})


def mandate_compare(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What changed between two versions, section by section, in both languages."""
    _require_caller(request, "mandate_compare")
    versions = {v.number: v for v in MandateVersion.objects.all()}
    try:
        new = versions[int(request.GET.get("b") or max(versions, default=0))]
        old = versions[int(request.GET.get("a") or new.number - 1)]
    except (KeyError, ValueError):
        return render(request, "pivots/mandate_compare.html", {"sections": None})
    context = {"old": old, "new": new, "sections": compare(old, new)}
    return render(request, "pivots/mandate_compare.html", context)


def mandate_adopt(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_caller(request, "mandate_adopt")
    if not permissions.can_adopt_mandate(request.user):
        raise PermissionDenied
    if request.method == "POST":
        require_recent_authentication(request)
    form = MandateForm(request.POST or None, initial=initial_from(MandateVersion.objects.current()))
    if request.method == "POST" and form.is_valid():
        version = actions.adopt_mandate(
            by=request.user, adopted_on=form.cleaned_data["adopted_on"], sections=form.sections()
        )
        messages.success(request, _("The new version of the mandate is recorded."))
        return redirect(version)
    status = 400 if request.method == "POST" else 200
    return render(request, "pivots/mandate_form.html", {"form": form}, status=status)


@require_POST
def mandate_acknowledge(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_caller(request, "mandate_acknowledge")
    current = MandateVersion.objects.current()
    if current is None:
        not_found(request, "mandate_version", "")
    if not permissions.is_pivot(request.user):
        raise PermissionDenied
    actions.acknowledge_mandate(current, by=request.user)
    messages.success(request, _("Thank you: your acknowledgement is recorded."))
    return redirect("pivots:mandate")


def journal(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The outreach journal of the user's organisations."""
    if not permissions.can_read_journal(request.user):
        not_found(request, "journal", "")
    ids = permissions.journal_organisation_ids(request.user)
    activities = (
        Activity.objects.filter(organisation__in=ids)
        .select_related("pivot", "milieu", "organisation")
        .order_by("-held_on", "-pk")[:100]
    )
    context = {"activities": activities, "can_record": permissions.is_pivot(request.user)}
    return render(request, "pivots/journal.html", context)


def activity_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_read_journal(request.user):
        not_found(request, "journal", "")
    if not permissions.is_pivot(request.user):
        raise PermissionDenied
    ids = request.user.organisation_ids(Role.PIVOT)
    form = ActivityForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        # A pivot of several organisations records for the milieu's, else their first.
        milieu = data.get("milieu")
        own = milieu.organisation_id if milieu and milieu.organisation_id in ids else min(ids)
        actions.record_activity(
            by=request.user,
            # nosemgrep: unscoped-objects-get-in-view — `own` is one of the pivot's organisations
            organisation=Organisation.objects.get(pk=own),
            submission=data.pop("submission"),
            **data,
        )
        messages.success(request, _("The activity is recorded."))
        return redirect("pivots:journal")
    status = 400 if request.method == "POST" else 200
    return render(request, "pivots/activity_form.html", {"form": form}, status=status)


def _report_organisation(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None or not permissions.can_see_report(request.user, pk):
        not_found(request, "pivot_report", pk)
    return organisation


def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An organisation's report to its management for a quarter."""
    organisation = _report_organisation(request, pk)
    form = QuarterForm(request.GET or None)
    built = reports.build(form.chosen(), organisation)
    context = {
        "form": form,
        "report": built,
        "organisation": organisation,
        "followup": followup.build(built.quarter, organisation),
    }
    return render(request, "pivots/report.html", context)


def report_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = _report_organisation(request, pk)
    require_recent_authentication(request)
    quarter = QuarterForm(request.GET or None).chosen()
    content = exports.report_xlsx(
        reports.build(quarter, organisation), followup.build(quarter, organisation)
    )
    record(request.user, "pivot.report_exported", organisation, organisation=organisation,
           request=request, quarter=str(quarter))  # fmt: skip
    return _xlsx(content, f"pivots-{organisation.pk}-{quarter}.xlsx")


def table_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The Table-wide report, for the coordinator: one row per organisation."""
    if not permissions.can_see_table_report(request.user):
        not_found(request, "pivot_table_report", "")
    form = QuarterForm(request.GET or None)
    quarter = form.chosen()
    rows, participants = reports.table_rows(quarter)
    context = {
        "form": form,
        "report": reports.build(quarter, None),
        "rows": rows,
        "participants": participants,
    }
    return render(request, "pivots/table_report.html", context)


def table_report_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_see_table_report(request.user):
        not_found(request, "pivot_table_report", "")
    require_recent_authentication(request)
    quarter = QuarterForm(request.GET or None).chosen()
    rows, participants = reports.table_rows(quarter)
    content = exports.table_xlsx(quarter, rows, participants)
    record(request.user, "pivot.report_exported", None, request=request, quarter=str(quarter))
    return _xlsx(content, f"pivots-table-{quarter}.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
