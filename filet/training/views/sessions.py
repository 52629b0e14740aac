"""Sessions: the list, one session's page, scheduling, registration with a waiting list,
attendance, invitations and the `.ics` file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.calendars.feeds import session_event
from filet.calendars.ics import calendar_for, ics_response
from filet.lib.http import AuthenticatedHttpRequest
from filet.training import actions, permissions
from filet.training.forms import AttendanceForm, SessionCreateForm, SessionForm
from filet.training.models import Registration, RegistrationStatus, Session
from filet.training.views.access import base_url, form_data, get_session_for_user


def sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    upcoming = Session.objects.upcoming().select_related("version__module")
    mine = dict(
        Registration.objects.filter(user=request.user, status__in=actions.LIVE).values_list(
            "session", "status"
        )
    )
    context = {
        "sessions": [(session, mine.get(session.pk)) for session in upcoming],
        "can_manage": permissions.can_manage(request.user),
    }
    return render(request, "training/sessions.html", context)


def session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk)
    registrations = list(item.registrations.filter(status__in=actions.LIVE).select_related("user"))
    trainers = list(item.trainers.all())
    mine = next((r for r in registrations if r.user_id == request.user.pk), None)
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
    context = {
        "session": item,
        "trainers": trainers,
        "registered": [r for r in registrations if r.status == RegistrationStatus.REGISTERED],
        "waiting": waiting,
        "mine": mine,
        "position": waiting.index(mine) + 1 if mine in waiting else None,
        "can_manage": permissions.can_manage(request.user),
        "can_register": permissions.can_register(request.user),
        "can_take_attendance": permissions.can_take_attendance(request.user, item),
    }
    return render(request, "training/session.html", context)


def session_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    form = SessionCreateForm(form_data(request), initial={"module": request.GET.get("module")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = data["module"].versions.order_by("-number").first()
        fields = {name: data[name] for name in actions.SESSION_FIELDS}
        created = actions.schedule_session(
            version, by=request.user, trainers=data["trainers"], **fields
        )
        messages.success(request, _("The session is scheduled."))
        return redirect(created)
    status = 400 if request.method == "POST" else 200
    return render(request, "training/session_form.html", {"form": form}, status=status)


def session_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk, write=True)
    form = SessionForm(form_data(request), instance=item, initial={"revision": item.sequence})
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in actions.SESSION_FIELDS}
        try:
            actions.update_session(
                item, by=request.user, trainers=data["trainers"], base_url=base_url(request),
                revision=data["revision"], **fields,
            )  # fmt: skip
        except actions.StaleEdit:
            form.add_error(None, _("Someone changed this session while you were editing it."))
            status = 409
        else:
            messages.success(request, _("The session is changed; the people registered are told."))
            return redirect(item)
    return render(
        request, "training/session_form.html", {"form": form, "session": item}, status=status
    )


@require_POST
def session_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk, write=True)
    actions.cancel_session(item, by=request.user, base_url=base_url(request))
    messages.success(request, _("The session is cancelled; the people registered are told."))
    return redirect(item)


@require_POST
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk)
    if not permissions.can_register(request.user):
        raise PermissionDenied
    try:
        registration = actions.register(item, user=request.user, base_url=base_url(request))
    except actions.SessionClosed:
        messages.error(request, _("This session no longer takes registrations."))
        return redirect(item)
    if registration.status == RegistrationStatus.WAITLISTED:
        messages.info(request, _("The session is full: you are on the waiting list."))
    else:
        messages.success(request, _("You are registered."))
    return redirect(item)


@require_POST
def unregister(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk)
    mine = item.registrations.filter(user=request.user, status__in=actions.LIVE).first()
    if mine is not None:
        actions.cancel_registration(mine, by=request.user, base_url=base_url(request))
        messages.success(request, _("Your registration is cancelled."))
    return redirect(item)


def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk)
    if not permissions.can_take_attendance(request.user, item):
        raise PermissionDenied
    registered = list(
        item.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("user")
    )
    form = AttendanceForm(form_data(request), registrations=registered)
    if request.method == "POST" and form.is_valid():
        changed = actions.take_attendance(item, by=request.user, marks=form.marks())
        messages.success(request, _("Attendance saved (%(count)s changes).") % {"count": changed})
        return redirect(item)
    status = 400 if request.method == "POST" else 200
    context = {"session": item, "form": form}
    return render(request, "training/attendance.html", context, status=status)


@require_POST
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk, write=True)
    count = actions.invite_to_session(item, by=request.user, base_url=base_url(request))
    messages.success(request, _("Invitations sent: %(count)s.") % {"count": count})
    return redirect(item)


def session_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_session_for_user(request, pk)
    calendar = calendar_for([session_event(item, base_url(request))])
    return ics_response(calendar, filename=f"formation-{item.pk}.ics")
