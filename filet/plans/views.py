from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.audit.actions import record
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.models import Organisation
from filet.plans import actions, forms, permissions, xlsx
from filet.plans.models import Action, Plan
from filet.plans.rollup import plan_progress

Request = AuthenticatedHttpRequest


def get_plan_for_user(request: Request, pk: int, *, write: bool = False) -> Plan:
    """A plan, for people of the Table (404 otherwise); running it takes the coordinator."""
    plan = Plan.objects.filter(pk=pk).select_related("adopted_by").first()
    if plan is None or not permissions.can_read_plans(request.user):
        not_found(request, "plan", pk)
    if write and not permissions.can_run_plans(request.user):
        raise PermissionDenied
    return plan


def get_action_for_user(request: Request, pk: int, *, write: bool = False) -> Action:
    """An action; updating it takes its responsible organisation's representative (403)."""
    action = Action.objects.filter(pk=pk).select_related("objective__plan", "resolution").first()
    if action is None or not permissions.can_read_plans(request.user):
        not_found(request, "action", pk)
    if write and not permissions.can_update_action(request.user, action):
        raise PermissionDenied
    return action


def plan_list(request: Request) -> HttpResponse:
    if not permissions.can_read_plans(request.user):
        not_found(request, "plans", "")
    plans = Plan.objects.select_related("adopted_by")
    return render(
        request,
        "plans/list.html",
        {"plans": plans, "can_run": permissions.can_run_plans(request.user)},
    )


def create(request: Request) -> HttpResponse:
    if not permissions.can_read_plans(request.user):
        not_found(request, "plans", "")
    if not permissions.can_run_plans(request.user):
        raise PermissionDenied
    form = forms.PlanForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "plans/form.html", {"form": form, "title": _("New action plan")}, status=status
        )
    plan = actions.create_plan(by=request.user, **form.cleaned_data)
    return redirect(plan)


def detail(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "progress": plan_progress(plan),
        "today": today,
        "can_run": permissions.can_run_plans(request.user),
        "own_ids": request.user.organisation_ids(),
    }
    return render(request, "plans/detail.html", context)


def objective_create(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    form = forms.ObjectiveForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "plans/form.html",
            {"form": form, "plan": plan, "title": _("New objective")},
            status=status,
        )
    actions.add_objective(plan, by=request.user, **form.cleaned_data)
    return redirect(plan)


def action_create(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    form = forms.ActionForm(request.POST or None, plan=plan)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "plans/form.html",
            {"form": form, "plan": plan, "title": _("New action")},
            status=status,
        )
    data = form.cleaned_data
    spec = actions.ActionInput(
        objective=data["objective"],
        title_fr=data["title_fr"],
        title_en=data["title_en"],
        due_on=data["due_on"],
        responsible=list(data["responsible"]),
        partners=list(data["partners"]),
        starts_on=data["starts_on"],
        weight=data["weight"],
        submission=data["submission"],
    )
    action = actions.create_action(spec, by=request.user)
    return redirect(action)


def action(request: Request, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    context = {
        "action": action,
        "indicators": action.indicators.prefetch_related("measurements"),
        "notes": action.notes.select_related("author")[:50],
        "can_update": permissions.can_update_action(request.user, action),
        "can_run": permissions.can_run_plans(request.user),
        "measurement_form": forms.MeasurementForm(action=action),
    }
    return render(request, "plans/action.html", context)


def action_update(request: Request, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, write=True)
    initial = {"status": action.status, "progress": action.progress, "version": action.version}
    form = forms.ProgressForm(request.POST or None, initial=initial)
    context = {"form": form, "action": action}
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "plans/action_update.html",
            context,
            status=400 if request.method == "POST" else 200,
        )
    try:
        actions.update_progress(action, by=request.user, **form.cleaned_data)
    except actions.StaleEdit:
        form.add_error(
            None, _("Someone updated this action while you were editing it. Check and save again.")
        )
        return render(request, "plans/action_update.html", context, status=409)
    messages.success(request, _("The progress is saved."))
    return redirect(action)


def indicator_create(request: Request, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    if not permissions.can_run_plans(request.user):
        raise PermissionDenied
    form = forms.IndicatorForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "plans/form.html",
            {"form": form, "action": action, "title": _("New indicator")},
            status=status,
        )
    actions.add_indicator(action, by=request.user, **form.cleaned_data)
    return redirect(action)


@require_POST
def measurement_create(request: Request, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, write=True)
    form = forms.MeasurementForm(request.POST, action=action)
    if not form.is_valid():
        messages.error(
            request,
            _("The measurement was not saved: check the indicator, the date and the value."),
        )
        return redirect(action)
    actions.record_measurement(
        form.cleaned_data["indicator"],
        by=request.user,
        measured_on=form.cleaned_data["measured_on"],
        value=form.cleaned_data["value"],
    )
    messages.success(request, _("The measurement is saved."))
    return redirect(action)


def partner(request: Request, pk: int, organisation_pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    organisation = Organisation.objects.filter(pk=organisation_pk).first()
    if organisation is None:
        not_found(request, "organisation", organisation_pk)
    owed = (
        Action.objects.filter(objective__plan=plan)
        .owed_by(organisation.pk)
        .select_related("objective")
        .with_organisations()
    )
    context = {
        "plan": plan,
        "organisation": organisation,
        "actions": owed,
        "today": timezone.localdate(),
        "organisations": Organisation.objects.active(),
    }
    return render(request, "plans/partner.html", context)


def late(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    items = (
        Action.objects.filter(objective__plan=plan)
        .late()
        .select_related("objective")
        .with_organisations()
    )
    return render(
        request, "plans/late.html", {"plan": plan, "actions": items, "today": timezone.localdate()}
    )


def follow_up(request: Request, pk: int) -> HttpResponse:
    """Where the plan stands on a meeting's date: late items, due soon, recent notes."""
    from filet.plans.report import follow_up_report

    plan = get_plan_for_user(request, pk)
    form = forms.FollowUpForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_valid() else timezone.localdate()
    context = {"plan": plan, "form": form, "report": follow_up_report(plan, day)}
    return render(request, "plans/follow_up.html", context)


def export(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    if not permissions.can_export(request.user):
        raise PermissionDenied
    require_recent_authentication(request)
    content = xlsx.to_xlsx(plan_progress(plan))
    record(request.user, "plan.exported", plan, request=request, file_format="xlsx")
    response = HttpResponse(content, content_type=xlsx.CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="plan-{plan.pk}-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )
    return response


def import_plan(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    require_recent_authentication(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    context = {"plan": plan, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(
            request, "plans/import.html", context, status=400 if request.method == "POST" else 200
        )
    upload = form.cleaned_data["file"]
    result = xlsx.import_plan(
        plan, upload.name, upload.read(), by=request.user, dry_run=form.cleaned_data["dry_run"]
    )
    if result.written:
        messages.success(request, _("%(count)d actions imported.") % {"count": len(result.rows)})
        return redirect(plan)
    context["result"] = result
    return render(request, "plans/import.html", context, status=400 if result.errors else 200)


def adopt(request: Request, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    form = forms.AdoptForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "plans/form.html",
            {"form": form, "plan": plan, "title": _("Adopt the plan")},
            status=status,
        )
    actions.adopt_plan(plan, by=request.user, resolution=form.cleaned_data["resolution"])
    messages.success(request, _("The plan is adopted."))
    return redirect(plan)
