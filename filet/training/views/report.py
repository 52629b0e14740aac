"""The coverage report: who is current on the latest version of each required module."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from filet.audit.actions import record
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.lib.language import in_language
from filet.organisations.models import Organisation
from filet.training import actions, coverage, coverage_cache, exports, permissions
from filet.training.views.access import base_url

REMINDER_DAYS = actions.REMINDER_DAYS
TOTALS_PER_PAGE = 30  # a region's Table fits on one page
PICKER_MAX = 60


def _scope(request: AuthenticatedHttpRequest) -> tuple[set[int] | None, Organisation | None]:
    """The organisations the report covers; ?organisation= narrows it, within the reader's
    reach (another organisation answers 404)."""
    if not permissions.can_view_coverage(request.user):
        raise PermissionDenied
    reach = permissions.coverage_organisation_ids(request.user)
    wanted = request.GET.get("organisation", "")
    if not wanted:
        return reach, None
    organisation = Organisation.objects.filter(pk=int(wanted) if wanted.isdigit() else 0).first()
    if organisation is None or (reach is not None and organisation.pk not in reach):
        not_found(request, "organisation", wanted)
    return {organisation.pk}, organisation


def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope, organisation = _scope(request)
    # From the cache: the whole report of a province is computed once per change.
    result = coverage_cache.summary(scope)
    reach = permissions.coverage_organisation_ids(request.user)
    choices = Organisation.objects.active().order_by("name_fr")
    choices = choices if reach is None else choices.filter(pk__in=reach)
    context = {
        "report": result,
        "page": Paginator(result.not_current, 100).get_page(request.GET.get("page")),
        # A province has some 500 organisations: their totals are paged too.
        "totals": Paginator(result.organisations, TOTALS_PER_PAGE).get_page(
            request.GET.get("organisations")
        ),
        "organisation": organisation,
        "options": _options(choices, organisation) if _picker(result, reach, organisation) else "",
        "can_send_reminders": permissions.can_send_reminders(request.user),
        "reminder_days": REMINDER_DAYS,
    }
    return render(request, "training/coverage.html", context)


def _picker(
    result: coverage_cache.Summary, reach: set[int] | None, chosen: Organisation | None
) -> bool:
    """Offer every organisation in a list only up to a region's size; beyond, the totals'
    names are the way to one organisation's report."""
    if chosen is None:
        return len(result.organisations) <= PICKER_MAX
    return reach is not None and len(reach) <= PICKER_MAX


def _options(choices: QuerySet[Organisation], chosen: Organisation | None) -> str:
    """The organisation picker's options, built here: a province has some 500 of them, and
    the template language would take longer than the rest of the page."""
    selected = format_html(" {}", "selected")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (pk, selected if chosen and chosen.pk == pk else "", in_language(fr, en))
            for pk, fr, en in choices.values_list("pk", "name_fr", "name_en")
        ),
    )


def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    scope, organisation = _scope(request)
    require_recent_authentication(request)
    result = coverage.compute(scope)
    record(
        request.user,
        "training.coverage_exported",
        organisation,
        request=request,
        organisation=organisation,
        lines=len(result.lines),
    )
    response = HttpResponse(exports.to_xlsx(result), content_type=exports.CONTENT_TYPE)
    name = f"couverture-formation-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def send_reminders(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_send_reminders(request.user):
        raise PermissionDenied
    sent, skipped = actions.send_reminders(
        by=request.user, base_url=base_url(request), days=REMINDER_DAYS
    )
    messages.success(
        request,
        _("Reminders sent: %(sent)s; already reminded recently: %(skipped)s.")
        % {"sent": sent, "skipped": skipped},
    )
    return redirect("training:coverage")
