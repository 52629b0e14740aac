from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.lib.access import not_found
from filet.lib.http import AuthenticatedHttpRequest
from filet.observatory.permissions import can_view_trends
from filet.watch import actions, permissions
from filet.watch.forms import FilterForm, MonthForm, WatchItemForm
from filet.watch.models import Bulletin, BulletinRead, BulletinSubscription, WatchItem


def get_item_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> WatchItem:
    """A watch item every member reads; with `write`, its author or the coordinator (403)."""
    item = WatchItem.objects.select_related("author").filter(pk=pk).first()
    if item is None or not permissions.can_read(request.user):
        not_found(request, "watch_item", pk)
    if write and not permissions.can_edit(request.user, item):
        raise PermissionDenied
    return item


def _require_reader(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_read(request.user):
        not_found(request, "watch", "list")


def item_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    filters = FilterForm(request.GET or None)
    items = WatchItem.objects.select_related("author").prefetch_related("terms")
    if filters.is_valid():
        if filters.cleaned_data["kind"]:
            items = items.filter(kind=filters.cleaned_data["kind"])
        if filters.cleaned_data["term"]:
            items = items.filter(terms=filters.cleaned_data["term"])
    context = {
        "filters": filters,
        "page": Paginator(items, 25).get_page(request.GET.get("page")),
        "can_post": permissions.can_post(request.user),
        "bulletins": Bulletin.objects.order_by("-month")[:3],
        "subscribed": BulletinSubscription.objects.filter(person=request.user).exists(),
        "pivot": permissions.receives_bulletin_by_right(request.user),
    }
    return render(request, "watch/list.html", context)


def item_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request, pk)
    context = {"item": item, "can_edit": permissions.can_edit(request.user, item)}
    return render(request, "watch/item.html", context)


def item_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    if not permissions.can_post(request.user):
        raise PermissionDenied
    form = WatchItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = actions.post_item(
            by=request.user,
            data=data,
            terms=list(data["terms"]),
            submission=data.get("submission") or "",
            request=request,
        )
        messages.success(request, _("The watch item is posted."))
        return redirect(item)
    status = 400 if request.method == "POST" else 200
    return render(request, "watch/item_form.html", {"form": form}, status=status)


def item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_item_for_user(request, pk, write=True)
    form = WatchItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_item(
                item,
                by=request.user,
                data=data,
                terms=list(data["terms"]),
                expected_version=data.get("version") or 0,
                request=request,
            )
        except actions.StaleItem:
            form.add_error(
                None, _("Someone else changed this item meanwhile. Reload it, then redo.")
            )
            return render(request, "watch/item_form.html", {"form": form, "item": item}, status=409)
        messages.success(request, _("The watch item is saved."))
        return redirect(item)
    status = 400 if request.method == "POST" else 200
    return render(request, "watch/item_form.html", {"form": form, "item": item}, status=status)


def bulletin_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    bulletins = Bulletin.objects.order_by("-month")
    read = set(BulletinRead.objects.filter(person=request.user).values_list("bulletin", flat=True))
    context = {
        "bulletins": bulletins,
        "read": read,
        "can_send": permissions.can_send_bulletin(request.user),
        "form": MonthForm(),
    }
    return render(request, "watch/bulletins.html", context)


def bulletin_detail(request: AuthenticatedHttpRequest, year: int, month: int) -> HttpResponse:
    bulletin = _bulletin_for_user(request, year, month)
    first = date(year, month, 1)
    if bulletin is not None:
        actions.record_read(bulletin, request.user)
    context = {
        "bulletin": bulletin,
        "month": first,
        "items": WatchItem.objects.in_month(first)
        .select_related("author")
        .prefetch_related("terms"),
        "can_send": permissions.can_send_bulletin(request.user),
        "can_view_trends": can_view_trends(request.user),
        "form": MonthForm(initial={"month": first.strftime("%Y-%m")}),
    }
    return render(request, "watch/bulletin.html", context)


def _bulletin_for_user(request: AuthenticatedHttpRequest, year: int, month: int) -> Bulletin | None:
    """A published bulletin for every member; an unpublished month is a preview for the
    coordinator only (None), and does not exist for anyone else."""
    if not permissions.can_read(request.user) or not 1 <= month <= 12 or not 2000 <= year <= 2100:
        not_found(request, "bulletin", f"{year}-{month}")
    bulletin = Bulletin.objects.filter(month=date(year, month, 1)).first()
    if bulletin is None and not permissions.can_send_bulletin(request.user):
        not_found(request, "bulletin", f"{year}-{month}")
    return bulletin


@require_POST
def bulletin_send(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    if not permissions.can_send_bulletin(request.user):
        raise PermissionDenied
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a month as YYYY-MM."))
        return redirect("watch:bulletins")
    base_url = request.build_absolute_uri("/")
    result = actions.send_bulletin(form.cleaned_data["month"], by=request.user, base_url=base_url)
    messages.success(
        request,
        _(
            "Bulletin published; sent to %(sent)s people (%(already)s had it already, "
            "%(failed)s could not be reached and will be retried)."
        )
        % {"sent": result.sent, "already": result.already, "failed": result.failed},
    )
    return redirect(result.bulletin)


@require_POST
def subscription(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_reader(request)
    subscribed = request.POST.get("subscribed") == "1"
    actions.set_subscription(request.user, subscribed=subscribed, request=request)
    if subscribed:
        messages.success(request, _("You will receive the monthly bulletin by e-mail."))
    else:
        messages.success(request, _("You will no longer receive the bulletin by e-mail."))
    return redirect("watch:list")
