"""Pages of the safety net. Thin: get and authorise, validate, call the action, answer."""

import uuid
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from filet.audit.actions import record
from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.roles import Role
from filet.situations import actions, counts, permissions, watch
from filet.situations.forms import (
    DPJ_REMINDER,
    ActionForm,
    ActionStatusForm,
    CloseForm,
    InviteForm,
    LeaveForm,
    NoteForm,
    RespondForm,
    SituationEditForm,
    SituationForm,
    StatusForm,
    initial_for,
)
from filet.situations.models import (
    OPEN_ACTION_STATUSES,
    TRANSITIONS,
    Action,
    Participant,
    Situation,
    Status,
)

STALE = gettext_lazy(
    "Someone changed this situation while you were editing it. What they saved is shown "
    "below; your text is kept in the form. Check it and save again."
)
PER_PAGE = 50


def get_situation_for_user(
    request: AuthenticatedHttpRequest, code: str, *, write: bool = False
) -> Situation:
    """Need-to-know: anyone not invited and not representing a participating organisation
    gets 404, as if it did not exist; someone invited who has not answered reads only."""
    situation = (
        Situation.objects.filter(code=code)
        .select_related("organisation", "sector", "lead_organisation", "opened_by")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation", "person"),
            )
        )
        .first()
    )
    if situation is None or not permissions.can_see(request.user, situation):
        not_found(request, "situation", code)
    if write and not permissions.can_act(request.user, situation):
        raise PermissionDenied
    return situation


def _form_page(request: AuthenticatedHttpRequest, template: str, context: dict[str, Any]) -> Any:
    status = 400 if request.method == "POST" else 200
    return render(request, f"situations/{template}", context, status=status)


def situation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.uses_net(request.user):
        if permissions.can_see_counts(request.user):
            return redirect("situations:counts")
        not_found(request, "situation_list", "")
    situations = (
        Situation.objects.visible_to(request.user)
        .with_partners()
        .select_related("organisation", "sector")
        .order_by("status", "-opened_at", "-pk")
    )
    page = Paginator(situations, PER_PAGE).get_page(request.GET.get("page"))
    record(request.user, "situation.listed", request=request, page=page.number)
    context = {"page": page, "can_open": permissions.can_open(request.user)}
    return render(request, "situations/list.html", context)


def open_situation(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_open(request.user):
        raise PermissionDenied
    form = SituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = next(
            m.organisation
            for m in request.user.active_memberships
            if m.role in permissions.OPENER_ROLES
        )
        situation = actions.open_situation(
            by=request.user,
            organisation=organisation,
            data=form.situation_data(),
            submission=form.cleaned_data["submission"] or uuid.uuid4(),
        )
        messages.success(request, _("Situation %(code)s is open.") % {"code": situation.code})
        return redirect(situation)
    return _form_page(request, "form.html", {"form": form, "reminder": DPJ_REMINDER})


def detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code)
    # Linked to every organisation taking part: each privacy officer sees who read it.
    actions.audit(request.user, "situation.viewed", situation, request=request)
    return render(request, "situations/detail.html", _detail_context(request, situation))


def _detail_context(request: AuthenticatedHttpRequest, situation: Situation) -> dict[str, Any]:
    user = request.user
    can_act = permissions.can_act(user, situation)
    return {
        "situation": situation,
        "participants": situation.participants.all(),
        "actions": situation.actions.select_related("organisation", "person"),
        "notes": situation.notes.select_related("author")[:50],
        "indicators": situation.indicators.all(),
        "today": timezone.localdate(),
        "can_act": can_act,
        "takes_part": permissions.takes_part(user, situation),
        "invitation": permissions.pending_invitation(user, situation),
        "respond_form": RespondForm(),
        "note_form": NoteForm() if can_act else None,
        "status_form": _status_form(situation) if can_act else None,
        "action_statuses": ActionStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
    }


def _status_form(situation: Situation, data: Any = None) -> StatusForm | None:
    choices = [(s, Status(s).label) for s in TRANSITIONS[situation.status]]
    return StatusForm(data, choices=choices) if choices else None


def edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    initial = {**initial_for(situation), "version": situation.version}
    form = SituationEditForm(request.POST or None, situation=situation, initial=initial)
    changes: list[tuple[str, str, str]] = []
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_situation(
                situation, by=request.user, version=form.cleaned_data["version"],
                data=form.situation_data(),
            )  # fmt: skip
        except actions.StaleSituation as stale:
            changes = _changes(stale.current, form)
            form = _refreshed(form, stale.current)
            form.add_error(None, STALE)
            status = 409
        else:
            messages.success(request, _("The situation is saved."))
            return redirect(situation)
    context = {"form": form, "situation": situation, "changes": changes, "reminder": DPJ_REMINDER}
    return render(request, "situations/form.html", context, status=status)


def _changes(current: Situation, form: SituationEditForm) -> list[tuple[str, str, str]]:
    """Field label, what is saved now, what this person typed: where they differ."""
    typed = Situation(
        **{k: v for k, v in form.cleaned_data.items() if k not in ("indicators", "version")}
    )
    theirs, mine = current.snapshot(), typed.snapshot()
    return [
        (str(form.fields[name].label), theirs[name], mine[name])
        for name in theirs
        if theirs[name] != mine[name]
    ]


def _refreshed(form: SituationEditForm, current: Situation) -> SituationEditForm:
    """The same typed data, now based on the saved version: saving again is deliberate."""
    data = cast(QueryDict, form.data).copy()
    data["version"] = str(current.version)
    refreshed = SituationEditForm(data, situation=current)
    refreshed.is_valid()
    return refreshed


@require_POST
def change_status(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    form = _status_form(situation, request.POST)
    if form is None or not form.is_valid():
        messages.error(request, _("This status cannot be chosen now."))
        return redirect(situation)
    actions.change_status(situation, by=request.user, status=form.cleaned_data["status"])
    messages.success(request, _("The status is changed."))
    return redirect(situation)


def close(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    if situation.is_closed:
        return redirect(situation)
    form = CloseForm(request.POST or None)
    open_actions = situation.actions.filter(status__in=OPEN_ACTION_STATUSES).count()
    if request.method == "POST" and form.is_valid():
        try:
            actions.close_situation(situation, by=request.user, **form.cleaned_data)
        except actions.OpenActionsNeedReason:
            form.add_error("reason", _("Actions are still open: say why you close anyway."))
        else:
            messages.success(request, _("The situation is closed."))
            return redirect(situation)
    context = {"form": form, "situation": situation, "open_actions": open_actions}
    return _form_page(request, "close.html", context)


@require_POST
def reopen(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    actions.reopen_situation(situation, by=request.user)
    messages.success(request, _("The situation is reopened."))
    return redirect(situation)


def invite(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    form = InviteForm(request.POST or None, situation=situation)
    if request.method == "POST" and form.is_valid():
        designation = form.cleaned_data["designation"]
        actions.invite(situation, by=request.user, designation=designation)
        messages.success(request, _("%(name)s is invited.") % {"name": designation.pivot.full_name})
        return redirect(situation)
    return _form_page(request, "invite.html", {"form": form, "situation": situation})


@require_POST
def respond(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code)
    invitation = permissions.pending_invitation(request.user, situation)
    if invitation is None:
        if permissions.takes_part(request.user, situation):
            return redirect(situation)  # answered already: a second click changes nothing
        raise PermissionDenied
    form = RespondForm(request.POST)
    if not form.is_valid():
        context = {**_detail_context(request, situation), "respond_form": form}
        return render(request, "situations/detail.html", context, status=400)
    accept = form.cleaned_data["decision"] == "accept"
    actions.respond(invitation, by=request.user, accept=accept, reason=form.cleaned_data["reason"])
    if accept:
        messages.success(request, _("You take part in this situation."))
        return redirect(situation)
    messages.success(request, _("You declined the invitation."))
    return redirect("situations:list")


def leave(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code)
    if not permissions.takes_part(request.user, situation):
        raise PermissionDenied
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.leave(situation, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("You left the situation; the others are told on their watch list.")
        )
        return redirect("situations:list")
    return _form_page(request, "leave.html", {"form": form, "situation": situation})


def action_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    form = ActionForm(request.POST or None, situation=situation)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        submission = values.pop("submission") or uuid.uuid4()
        actions.add_action(situation, by=request.user, submission=submission, **values)
        messages.success(request, _("The action is added to the plan."))
        return redirect(situation)
    return _form_page(request, "action_form.html", {"form": form, "situation": situation})


@require_POST
def action_update(request: AuthenticatedHttpRequest, code: str, action_pk: int) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    action = Action.objects.filter(situation=situation, pk=action_pk).first()
    if action is None:
        not_found(request, "situation_action", action_pk)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(situation)
    actions.update_action(action, by=request.user, status=form.cleaned_data["status"])
    messages.success(request, _("The action is updated."))
    return redirect(situation)


@require_POST
def note_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    situation = get_situation_for_user(request, code, write=True)
    form = NoteForm(request.POST)
    if not form.is_valid():
        context = {**_detail_context(request, situation), "note_form": form}
        return render(request, "situations/detail.html", context, status=400)
    submission = form.cleaned_data["submission"] or uuid.uuid4()
    actions.add_note(
        situation, by=request.user, submission=submission, text=form.cleaned_data["text"]
    )
    messages.success(request, _("The note is added."))
    return redirect(situation)


def watch_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Mon filet: what needs attention in the situations this person may see."""
    if not permissions.uses_net(request.user):
        not_found(request, "situation_watch", "")
    today = timezone.localdate()
    sections = watch.net_for(request.user, today)
    record(request.user, "situation.watch_viewed", request=request)
    context = {
        "sections": sections,
        "today": today,
        "representative": request.user.has_role(Role.REPRESENTATIVE),
    }
    return render(request, "situations/watch.html", context)


def counts_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_see_counts(request.user):
        not_found(request, "situation_counts", "")
    ids = permissions.counts_organisation_ids(request.user)
    context = counts.build(ids, timezone.localdate())
    context["justified"] = (
        counts.justified_alone(None) if permissions.is_coordinator(request.user) else None
    )
    record(request.user, "situation.counts_viewed", request=request)
    return render(request, "situations/counts.html", context)
