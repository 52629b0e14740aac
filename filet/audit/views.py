from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from filet.audit import exports, log
from filet.audit.actions import record
from filet.audit.forms import AuditFilterForm
from filet.audit.models import AuditLink
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.lib.spreadsheets import FORMATS, table_download
from filet.organisations import permissions

EXPORT_LIMIT = 50_000  # rows per file: narrow the filters for more


def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A privacy officer reads their own organisations' audit trail, filtered."""
    organisation_ids = permissions.audit_organisations(request.user)
    if not organisation_ids:
        not_found(request, "audit", "log")
    # Logged before reading, so the page and its count agree on what the log holds.
    record(request.user, "audit.viewed", request=request, filters=_describe(request))
    form = AuditFilterForm(request.GET or None, organisation_ids=organisation_ids)
    entries = log.OrganisationLog(AuditLink.objects.none())
    if form.is_valid() or not request.GET:
        entries = log.filtered(organisation_ids, form.cleaned_data if form.is_bound else {})
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"form": form, "page": page, "log": entries})


def audit_export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    """The filtered log as CSV or XLSX: re-authenticated, audited, headers translated."""
    organisation_ids = permissions.audit_organisations(request.user)
    if not organisation_ids or file_format not in FORMATS:
        not_found(request, "audit", "export")
    require_recent_authentication(request)
    form = AuditFilterForm(request.GET or None, organisation_ids=organisation_ids)
    if request.GET and not form.is_valid():
        page = Paginator(log.OrganisationLog(AuditLink.objects.none()), 50).get_page(1)
        return render(request, "audit/log.html", {"form": form, "page": page}, status=400)
    entries = log.filtered(organisation_ids, form.cleaned_data if form.is_bound else {})
    rows = entries[:EXPORT_LIMIT]
    record(request.user, "audit.exported", request=request, file_format=file_format,
           count=len(rows), filters=_describe(request))  # fmt: skip
    name = f"journal-{timezone.localdate():%Y-%m-%d}"
    return table_download(file_format, _("Audit log"), exports.audit_headers(),
                          exports.audit_rows(rows), name)  # fmt: skip


def _describe(request: AuthenticatedHttpRequest) -> dict[str, str]:
    return {key: str(value) for key, value in request.GET.items() if key != "page"}
