"""Pages of consultations: thin views over actions.py and permissions.py."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from filet.audit.actions import record
from filet.consultations import actions, faq, inbox, permissions, stats
from filet.consultations.forms import (
    AnswerForm,
    AskBackForm,
    AskForm,
    EscalateForm,
    FaqForm,
    RateForm,
    RedirectForm,
    ReplyForm,
    VersionForm,
    requester_organisation,
)
from filet.consultations.models import Consultation, Status
from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.organisations.models import Organisation
from filet.pivots.models import Designation

HANDLER, REQUESTER = "handler", "requester"
STALE = gettext_lazy(
    "Someone changed this consultation while you were on the page. Here it is as it stands "
    "now; your text is kept below."
)
STALE_STATUS = gettext_lazy("Someone changed this consultation meanwhile: it is now “%(status)s”.")
# Form of each action on the consultation page, and who may use it.
ACTION_FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "accept": (VersionForm, HANDLER),
    "answer": (AnswerForm, HANDLER),
    "ask_back": (AskBackForm, HANDLER),
    "propose_faq": (VersionForm, HANDLER),
    "reply": (ReplyForm, REQUESTER),
    "rate": (RateForm, REQUESTER),
    "withdraw": (VersionForm, REQUESTER),
}


def get_consultation_for_user(request: AuthenticatedHttpRequest, pk: int) -> Consultation:
    """A consultation the user needs to know about; anyone else gets 404."""
    consultation = (
        Consultation.objects.visible_to(request.user)
        .select_related("requester", "assignee", "organisation", "territory", "stage", "topic")
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        not_found(request, "consultation", pk)
    return consultation


def _may(user: Any, consultation: Consultation, action: str, who: str) -> bool:
    if action == "propose_faq":
        return permissions.may_propose_faq(user, consultation)
    if who == HANDLER:
        return permissions.can_handle(user, consultation)
    return permissions.is_requester(user, consultation)


def _allowed(user: Any, consultation: Consultation, action: str, who: str) -> bool:
    if action == "propose_faq" and consultation.faq_proposed_at is not None:
        return False
    return _may(user, consultation, action, who) and consultation.status in actions.ALLOWED[action]


def _page(
    request: AuthenticatedHttpRequest,
    consultation: Consultation,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    shown = {
        action: (bound or {}).get(action) or form_class(consultation=consultation)  # type: ignore[call-arg]
        for action, (form_class, who) in ACTION_FORMS.items()
        if _allowed(user, consultation, action, who)
    }
    handler = permissions.can_handle(user, consultation)
    context = {
        "consultation": consultation,
        "routings": consultation.routings.select_related("to_user", "organisation", "by"),
        "thread": consultation.messages.select_related("author"),
        "forms": shown,
        "can_route": handler and consultation.status in actions.ALLOWED["redirect"],
        "is_requester": permissions.is_requester(user, consultation),
        "overdue": consultation.is_overdue(),
        "kept": [
            form.data.get("text", "")
            for action, form in (bound or {}).items()
            if action not in shown and form.data.get("text")
        ],
    }
    return render(request, "consultations/detail.html", context, status=status)


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    consultation = get_consultation_for_user(request, pk)
    actions.record_view(consultation, by=request.user, request=request)
    return _page(request, consultation)


def inbox_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits for the person: routed to them, asked by them, their organisation's."""
    if not permissions.can_use_inbox(request.user):
        not_found(request, "consultation_inbox", "")
    context = inbox.build(request.user)
    listed = [c.pk for key in ("assigned", "organisation", "asked") for c in context[key]]
    record(request.user, "consultation.inbox_viewed", request=request, consultations=listed)
    context["can_ask"] = permissions.can_ask(request.user)
    context["can_see_counts"] = permissions.can_see_counts(request.user)
    context["can_publish"] = permissions.can_publish_faq(request.user)
    return render(request, "consultations/inbox.html", context)


def _chosen_designation(request: AuthenticatedHttpRequest, raw: object) -> Designation | None:
    if not str(raw or "").isdigit():
        return None
    return (
        Designation.objects.in_force()
        .select_related("pivot", "organisation")
        .filter(pk=int(str(raw)))
        .exclude(pivot=request.user)
        .first()
    )


def _ask_initial(request: AuthenticatedHttpRequest, chosen: Designation | None) -> dict[str, Any]:
    """The person's language; the pivot chosen in who to call and a territory they serve."""
    initial: dict[str, Any] = {"language": "en" if request.user.language == "en" else "fr"}
    initial.update({k: request.GET[k] for k in ("territory", "stage") if k in request.GET})
    if chosen is not None:
        initial["designation"] = chosen.pk
        initial.setdefault("territory", chosen.territories.order_by("name_fr").first())
    return initial


def _asking_organisation(request: AuthenticatedHttpRequest) -> Organisation:
    """The organisation the person asks for: 404 outside the network, 403 if they may not ask."""
    if not permissions.can_use_inbox(request.user):
        not_found(request, "consultation_ask", "")
    organisation = requester_organisation(request.user)
    if not permissions.can_ask(request.user) or organisation is None:
        raise PermissionDenied
    return organisation


def ask(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask a pivot: the one chosen in who to call, or the best one for the answers given."""
    organisation = _asking_organisation(request)
    raw = request.POST.get("designation") or request.GET.get("designation")
    chosen = _chosen_designation(request, raw)
    form = AskForm(request.POST or None, initial=_ask_initial(request, chosen))
    context: dict[str, Any] = {"form": form, "chosen": chosen, "answer": None}
    if request.method == "POST" and form.is_valid():
        try:
            consultation = actions.ask(
                form.wanted(chosen),
                by=request.user,
                organisation=organisation,
                submission=form.cleaned_data["submission"],
                request=request,
            )
        except actions.NoPivot as nobody:
            context["answer"] = nobody.answer
            return render(request, "consultations/ask.html", context, status=200)
        messages.success(
            request, _("Your question was sent to %(pivot)s.") % {"pivot": consultation.assignee}
        )
        return redirect(consultation)
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/ask.html", context, status=status)


def _run_action(
    request: AuthenticatedHttpRequest,
    pk: int,
    action: str,
    run: Callable[[Consultation, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    consultation = get_consultation_for_user(request, pk)
    form_class, who = ACTION_FORMS[action]
    if not _may(request.user, consultation, action, who):
        raise PermissionDenied
    form = form_class(request.POST, consultation=consultation)  # type: ignore[call-arg]
    if not form.is_valid():
        return _page(request, consultation, {action: form}, status=400)
    try:
        run(consultation, form.cleaned_data)
    except actions.StaleConsultation as stale:
        messages.error(request, STALE)
        return _page(request, _reload(request, stale.current), {action: form}, status=409)
    except actions.NotAllowed:
        messages.error(request, _("This consultation no longer allows that step."))
        return _page(request, _reload(request, consultation), status=409)
    messages.success(request, done)
    return redirect("consultations:detail", pk=pk)


def _reload(request: AuthenticatedHttpRequest, consultation: Consultation) -> Consultation:
    return get_consultation_for_user(request, consultation.pk)


@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(c: Consultation, data: dict[str, Any]) -> object:
        return actions.accept(c, by=request.user, version=data["version"], request=request)

    return _run_action(request, pk, "accept", run, _("You accepted the consultation."))


def _message_view(
    action: str, run_action: Callable[..., Consultation], done: Promise
) -> Callable[[AuthenticatedHttpRequest, int], HttpResponse]:
    """A step that adds a message to the thread: answer, ask back, reply."""

    @require_POST
    def view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        def run(c: Consultation, data: dict[str, Any]) -> object:
            return run_action(
                c,
                by=request.user,
                version=data["version"],
                text=data["text"],
                submission=data["submission"],
                request=request,
            )

        return _run_action(request, pk, action, run, str(done))

    view.__name__ = view.__qualname__ = action
    return view


answer = _message_view("answer", actions.answer, gettext_lazy("Your answer was sent."))
ask_back = _message_view(
    "ask_back", actions.ask_back, gettext_lazy("Your question was sent to the requester.")
)
reply = _message_view("reply", actions.reply, gettext_lazy("Your details were sent to the pivot."))


@require_POST
def rate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(c: Consultation, data: dict[str, Any]) -> object:
        return actions.rate(
            c,
            by=request.user,
            version=data["version"],
            rating=data["rating"],
            comment=data["comment"],
            request=request,
        )

    return _run_action(request, pk, "rate", run, _("Thank you for rating the answer."))


@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(c: Consultation, data: dict[str, Any]) -> object:
        return actions.withdraw(c, by=request.user, version=data["version"], request=request)

    return _run_action(request, pk, "withdraw", run, _("The consultation is withdrawn."))


@require_POST
def propose_faq(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(c: Consultation, data: dict[str, Any]) -> object:
        return faq.propose_faq(c, by=request.user, version=data["version"], request=request)

    done = _("The question and answer were proposed to the coordinator for the FAQ.")
    return _run_action(request, pk, "propose_faq", run, done)


def _route_page(
    request: AuthenticatedHttpRequest, pk: int, form_class: type[forms.Form], texts: tuple[str, str]
) -> HttpResponse:
    template = "consultations/route_form.html"
    consultation = get_consultation_for_user(request, pk)
    if not permissions.can_handle(request.user, consultation):
        raise PermissionDenied
    if consultation.status not in actions.ALLOWED["redirect"]:
        messages.error(request, _("This consultation no longer allows that step."))
        return redirect(consultation)
    form = form_class(request.POST or None, consultation=consultation)  # type: ignore[call-arg]
    context = {"consultation": consultation, "form": form, "heading": texts[0], "button": texts[1]}
    if request.method == "POST" and form.is_valid():
        try:
            _route(request, consultation, form.cleaned_data)
        except actions.StaleConsultation as stale:
            now = stale.current.get_status_display()
            form.add_error(None, STALE_STATUS % {"status": now})
            return render(request, template, context, status=409)
        except (actions.NotAllowed, actions.NoRecipient):
            form.add_error(None, _("Nobody can receive this consultation that way."))
            return render(request, template, context, status=409)
        messages.success(request, _("The consultation was handed over."))
        return redirect(consultation)
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


def _route(
    request: AuthenticatedHttpRequest, consultation: Consultation, data: dict[str, Any]
) -> None:
    common = {
        "by": request.user,
        "version": data["version"],
        "reason": data["reason"],
        "submission": data["submission"],
        "request": request,
    }
    if "designation" in data:
        actions.redirect(consultation, designation=data["designation"], **common)
    else:
        actions.escalate(consultation, to=data["to"], **common)


def redirect_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    texts = (_("Redirect to another pivot"), _("Redirect"))
    return _route_page(request, pk, RedirectForm, texts)


def escalate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    texts = (_("Escalate the consultation"), _("Escalate"))
    return _route_page(request, pk, EscalateForm, texts)


def faq_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's list of question-and-answer pairs offered for the FAQ."""
    if not permissions.can_publish_faq(request.user):
        not_found(request, "consultation_faq_queue", "")
    proposed = Consultation.objects.filter(
        faq_proposed_at__isnull=False, faq_entry__isnull=True
    ).select_related("topic")
    return render(request, "consultations/faq_queue.html", {"proposed": proposed})


def _get_faq_proposal(request: AuthenticatedHttpRequest, pk: int) -> Consultation:
    """The pair offered for the FAQ and not yet published: 404 otherwise, 403 for someone
    who may see the consultation but not publish."""
    consultation = Consultation.objects.filter(pk=pk, faq_proposed_at__isnull=False).first()
    if consultation is None or consultation.faq_entry_id is not None:
        not_found(request, "consultation_faq", pk)
    if not permissions.can_publish_faq(request.user):
        if Consultation.objects.visible_to(request.user).filter(pk=pk).exists():
            raise PermissionDenied
        not_found(request, "consultation_faq", pk)
    return consultation


def faq_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Review and edit a proposed pair, then publish it; the coordinator sees the question
    and the answer only, not who asked or who answered."""
    consultation = _get_faq_proposal(request, pk)
    user = request.user
    latest = faq.latest_answer(consultation)
    initial = {
        "question_fr": consultation.question[:300],
        "answer_fr": latest.text if latest else "",
    }
    form = FaqForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = faq.publish_faq(consultation, by=user, data=form.cleaned_data, request=request)
        messages.success(request, _("The entry is published in the FAQ."))
        return redirect(entry)
    if request.method == "GET":
        record(user, "consultation.faq_reviewed", consultation, request=request)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "consultations/faq_review.html",
        {"form": form, "consultation": consultation},
        status=status,
    )


def counts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Counts only, small cells suppressed: the coordinator, researchers, managers and
    representatives."""
    if not permissions.can_see_counts(request.user):
        not_found(request, "consultation_counts", "")
    ids = permissions.counts_organisation_ids(request.user)
    record(request.user, "consultation.counts_viewed", request=request)
    context = {"tables": stats.tables(ids), "Status": Status}
    return render(request, "consultations/counts.html", context)
