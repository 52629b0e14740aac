from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from filet.calendars.feeds import meeting_event
from filet.calendars.ics import calendar_for, ics_response
from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.meetings import actions, agenda, forms, permissions
from filet.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingSettings,
    Minutes,
    MinutesStatus,
    Question,
    Resolution,
)
from filet.organisations.models import Organisation
from filet.plans.actions import ActionInput

Request = AuthenticatedHttpRequest


def get_meeting_for_user(request: Request, pk: int, *, write: bool = False) -> Meeting:
    """A meeting the person may see (404 otherwise); running it takes the coordinator (403)."""
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None or not permissions.can_see_meeting(request.user, meeting):
        not_found(request, "meeting", pk)
    if write and not permissions.can_run_meetings(request.user):
        raise PermissionDenied
    return meeting


def _require_reader(request: Request, kind: str) -> None:
    if not permissions.can_read_meetings(request.user):
        not_found(request, kind, "")


def meeting_list(request: Request) -> HttpResponse:
    _require_reader(request, "meetings")
    meetings = Meeting.objects.prefetch_related("minutes")
    context = {
        "upcoming": meetings.upcoming(),
        "past": meetings.past()[:50],
        "can_run": permissions.can_run_meetings(request.user),
    }
    return render(request, "meetings/list.html", context)


def create(request: Request) -> HttpResponse:
    _require_reader(request, "meetings")
    if not permissions.can_run_meetings(request.user):
        raise PermissionDenied
    form = forms.MeetingForm(request.POST or None)
    invite = forms.InviteForm(request.POST or None, initial={"organisations": _seated()})
    if request.method != "POST" or not (form.is_valid() and invite.is_valid()):
        status = 400 if request.method == "POST" else 200
        return render(
            request, "meetings/form.html", {"form": form, "invite": invite}, status=status
        )
    people = [invite.cleaned_data["person"]] if invite.cleaned_data["person"] else []
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    meeting = actions.create_meeting(
        by=request.user,
        organisations=list(invite.cleaned_data["organisations"]),
        people=people,
        **data,
    )
    messages.success(request, _("The meeting is planned."))
    return redirect(meeting)


def _seated() -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=permissions.seated_organisation_ids()))


def detail(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    items = meeting.agenda_items.filter(parent=None).prefetch_related(
        "documents", Prefetch("children", queryset=AgendaItem.objects.prefetch_related("documents"))
    )
    context = {
        "meeting": meeting,
        "items": items,
        "carried_questions": agenda.carried_questions(meeting),
        "business_arising": agenda.business_arising(meeting),
        "minutes_to_adopt": agenda.minutes_to_adopt(meeting),
        "plan_standing": agenda.plan_standing(meeting),
        "quorum": agenda.quorum(meeting),
        "attendance_rows": agenda.attendance_rows(meeting),
        "questions": meeting.questions.select_related("asked_by", "organisation", "answered_by"),
        "resolutions": meeting.resolutions.select_related(
            "follow_up_organisation", "follow_up_person"
        ),
        "minutes": Minutes.objects.filter(meeting=meeting)
        .select_related("adopted_at_meeting")
        .first(),
        "can_run": permissions.can_run_meetings(request.user),
    }
    return render(request, "meetings/detail.html", context)


def edit(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    form = forms.MeetingForm(
        request.POST or None, instance=meeting, initial={"version": meeting.version}
    )
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "meetings/form.html", {"form": form, "meeting": meeting}, status=status
        )
    changes = {k: v for k, v in form.cleaned_data.items() if k not in ("version", "submission")}
    try:
        actions.update_meeting(
            meeting,
            by=request.user,
            version=form.cleaned_data["version"] or 0,
            base_url=request.build_absolute_uri("/"),
            **changes,
        )
    except actions.StaleEdit:
        form.add_error(
            None, _("Someone changed this meeting while you were editing it. Check and save again.")
        )
        meeting.refresh_from_db()
        data = request.POST.copy()
        data["version"] = str(meeting.version)
        form.data = data
        return render(request, "meetings/form.html", {"form": form, "meeting": meeting}, status=409)
    messages.success(request, _("The meeting is saved."))
    return redirect(meeting)


@require_GET
def ics(request: Request, pk: int) -> HttpResponse:
    """The meeting as a `.ics` file for the reader's calendar app."""
    meeting = get_meeting_for_user(request, pk)
    calendar = calendar_for([meeting_event(meeting, request.build_absolute_uri("/"))])
    return ics_response(calendar, filename=f"reunion-{meeting.pk}.ics")


@require_POST
def send_invitations(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    try:
        count = actions.send_invitations(
            meeting, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except actions.WrongState:
        messages.error(request, _("A cancelled or past meeting sends no invitations."))
        return redirect(meeting)
    text = ngettext(
        "%(count)d invitation is sent by e-mail.",
        "%(count)d invitations are sent by e-mail.",
        count,
    )
    messages.success(request, text % {"count": count})
    return redirect(meeting)


@require_POST
def cancel(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    actions.cancel_meeting(meeting, by=request.user, base_url=request.build_absolute_uri("/"))
    messages.success(request, _("The meeting is cancelled."))
    return redirect(meeting)


def invite(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    form = forms.InviteForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "meetings/invite.html", {"form": form, "meeting": meeting}, status=status
        )
    for organisation in form.cleaned_data["organisations"]:
        actions.invite(meeting, by=request.user, organisation=organisation)
    if form.cleaned_data["person"]:
        actions.invite(meeting, by=request.user, person=form.cleaned_data["person"])
    messages.success(request, _("The invitations are saved."))
    return redirect(meeting)


def agenda_add(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    form = forms.AgendaItemForm(request.POST or None, meeting=meeting)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "meetings/agenda_form.html", {"form": form, "meeting": meeting}, status=status
        )
    data = form.cleaned_data
    documents = [(data["document_title"], data["document_link"])] if data["document_title"] else []
    actions.add_agenda_item(
        meeting,
        by=request.user,
        title=data["title"],
        presenter=data["presenter"],
        duration_minutes=data["duration_minutes"],
        parent=data["parent"],
        documents=documents,
    )
    messages.success(request, _("The item is on the agenda."))
    return redirect(meeting)


def attendance(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    form = forms.attendance_form(meeting, request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request, "meetings/attendance.html", {"form": form, "meeting": meeting}, status=status
        )
    entries = [_presence(key, value) for key, value in form.cleaned_data.items() if value]
    actions.record_attendance(meeting, by=request.user, entries=entries)
    messages.success(request, _("Attendance is recorded."))
    return redirect(meeting)


def _presence(key: str, status: str) -> actions.Presence:
    """A field name of the attendance form (`org_3`, `person_7`) as a Presence."""
    from filet.accounts.models import User

    kind, _sep, ident = key.partition("_")
    # The keys are the form's own fields, built from this meeting's invitations only.
    if kind == "org":
        # nosemgrep: unscoped-objects-get-in-view — an organisation invited to this meeting
        return actions.Presence(status, organisation=Organisation.objects.get(pk=int(ident)))
    # nosemgrep: unscoped-objects-get-in-view — a person invited to this meeting
    return actions.Presence(status, person=User.objects.get(pk=int(ident)))


def _minutes_of(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("adopted_at_meeting")
        .prefetch_related("versions__saved_by")
        .first()
    )


def minutes(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    record = _minutes_of(meeting)
    can_edit = permissions.can_run_meetings(request.user) and not (record and record.is_frozen)
    initial = {"text": record.text if record else "", "version": record.version if record else 0}
    form = forms.MinutesForm(request.POST or None, initial=initial)
    context = {"meeting": meeting, "minutes": record, "form": form, "can_edit": can_edit}
    if request.method != "POST":
        return render(request, "meetings/minutes.html", context)
    if not can_edit:
        raise PermissionDenied
    if not form.is_valid():
        return render(request, "meetings/minutes.html", context, status=400)
    try:
        actions.save_minutes(
            meeting,
            by=request.user,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
        )
    except actions.StaleEdit:
        form.add_error(
            None, _("Someone saved the minutes while you were editing them. Your text is below.")
        )
        return render(request, "meetings/minutes.html", context, status=409)
    messages.success(request, _("A new version of the minutes is saved."))
    return redirect("meetings:minutes", pk=meeting.pk)


@require_POST
def minutes_circulate(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    record = Minutes.objects.filter(meeting=meeting, status=MinutesStatus.DRAFT).first()
    if record is None:
        not_found(request, "minutes", pk)
    actions.circulate_minutes(record, by=request.user)
    messages.success(request, _("The minutes are circulated for comments."))
    return redirect("meetings:minutes", pk=meeting.pk)


@require_POST
def minutes_adopt(request: Request, pk: int, minutes_pk: int) -> HttpResponse:
    """At meeting `pk`, adopt the circulated minutes of an earlier meeting."""
    meeting = get_meeting_for_user(request, pk, write=True)
    record = Minutes.objects.filter(pk=minutes_pk, status=MinutesStatus.CIRCULATED).first()
    if record is None:
        not_found(request, "minutes", minutes_pk)
    try:
        actions.adopt_minutes(record, by=request.user, at_meeting=meeting)
    except actions.WrongState:
        messages.error(
            request, _("Minutes are adopted at a later meeting than the one they record.")
        )
        return redirect(meeting)
    messages.success(request, _("The minutes are adopted; their text is now frozen."))
    return redirect(meeting)


def resolution_create(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    form = forms.ResolutionForm(request.POST or None)
    rows = forms.ActionRowFormSet(request.POST or None, prefix="actions")
    context = {"form": form, "rows": rows, "meeting": meeting}
    if request.method != "POST" or not (form.is_valid() and rows.is_valid()):
        status = 400 if request.method == "POST" else 200
        return render(request, "meetings/resolution_form.html", context, status=status)
    specs = [
        ActionInput(
            objective=r["objective"],
            title_fr=r["title"],
            due_on=r["due_on"],
            responsible=[r["organisation"]],
        )
        for r in rows.cleaned_data
        if r.get("title")
    ]
    data = actions.ResolutionInput(actions=specs, **form.cleaned_data)
    resolution = actions.take_resolution(meeting, by=request.user, data=data)
    messages.success(request, _("Resolution %(code)s is recorded.") % {"code": resolution.code})
    return redirect(resolution)


def get_resolution_for_user(request: Request, pk: int) -> Resolution:
    resolution = Resolution.objects.filter(pk=pk).select_related("meeting").first()
    if resolution is None or not permissions.can_see_meeting(request.user, resolution.meeting):
        not_found(request, "resolution", pk)
    return resolution


def resolution(request: Request, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request, pk)
    context = {
        "resolution": resolution,
        "actions": resolution.plan_actions.select_related("objective__plan").prefetch_related(
            "responsible"
        ),
        "can_run": permissions.can_run_meetings(request.user),
    }
    return render(request, "meetings/resolution.html", context)


@require_POST
def resolution_close(request: Request, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request, pk)
    if not permissions.can_run_meetings(request.user):
        raise PermissionDenied
    actions.close_follow_up(resolution, by=request.user)
    messages.success(request, _("The follow-up is closed."))
    return redirect(resolution)


def resolutions(request: Request) -> HttpResponse:
    _require_reader(request, "resolutions")
    register = Resolution.objects.select_related(
        "meeting", "follow_up_organisation", "follow_up_person"
    )
    return render(request, "meetings/resolutions.html", {"resolutions": register[:200]})


def question_create(request: Request, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk, write=True)
    form = forms.QuestionForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "meetings/question_form.html",
            {"form": form, "meeting": meeting},
            status=status,
        )
    actions.ask_question(meeting, by=request.user, **form.cleaned_data)
    messages.success(request, _("The question is registered."))
    return redirect(meeting)


def _question_for_user(request: Request, pk: int) -> Question:
    question = (
        Question.objects.filter(pk=pk).select_related("meeting", "asked_by", "organisation").first()
    )
    if question is None or not permissions.can_see_meeting(request.user, question.meeting):
        not_found(request, "question", pk)
    return question


def question(request: Request, pk: int) -> HttpResponse:
    question = _question_for_user(request, pk)
    initial = {
        "answer": question.answer,
        "answered_by": question.answered_by_id,
        "version": question.version,
    }
    form = forms.AnswerForm(request.POST or None, initial=initial)
    can_run = permissions.can_run_meetings(request.user)
    context = {"question": question, "form": form, "can_run": can_run}
    if request.method != "POST":
        return render(request, "meetings/question.html", context)
    if not can_run:
        raise PermissionDenied
    if not form.is_valid():
        return render(request, "meetings/question.html", context, status=400)
    try:
        actions.answer_question(question, by=request.user, **form.cleaned_data)
    except actions.StaleEdit:
        form.add_error(
            None, _("Someone answered this question while you were writing. Your text is below.")
        )
        return render(request, "meetings/question.html", context, status=409)
    messages.success(request, _("The answer is saved."))
    return redirect(question.meeting)


def meeting_settings(request: Request) -> HttpResponse:
    _require_reader(request, "meeting_settings")
    if not permissions.can_run_meetings(request.user):
        raise PermissionDenied
    form = forms.QuorumForm(
        request.POST or None, initial={"quorum_rule": MeetingSettings.load().quorum_rule}
    )
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "meetings/settings.html", {"form": form}, status=status)
    actions.set_quorum_rule(by=request.user, rule=form.cleaned_data["quorum_rule"])
    messages.success(request, _("The quorum rule is saved."))
    return redirect("meetings:list")
