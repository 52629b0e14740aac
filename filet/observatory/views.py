from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from filet.audit.actions import record
from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.observatory import actions, charts, exports, permissions, stats
from filet.observatory.forms import (
    BULK_ROWS,
    DPJ_REMINDER,
    BulkCommonForm,
    BulkFormSet,
    ObservationForm,
    ProtocolForm,
    SettingsForm,
    TrendsFilterForm,
    initial_for,
    initial_from,
    load_terms,
    select_options,
)
from filet.observatory.models import Observation, ObservatorySettings, ResearchProtocol
from filet.observatory.query import parse_filters, table_bounds
from filet.organisations.models import Organisation
from filet.taxonomy.models import CATEGORY_VOCABULARIES, Term

STALE_OBSERVATION = gettext_lazy(
    "Someone changed this observation while you were editing it. "
    "Reload the page to see their change."
)


def get_observation_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Observation:
    """Raw observations exist only for their own organisation: anyone else gets 404."""
    observation = (
        Observation.objects.filter(pk=pk)
        .select_related("organisation", "author", "sector", "milieu", "source", "confidence")
        .select_related("taxonomy_version")
        .first()
    )
    if observation is None or not permissions.can_read_observation(request.user, observation):
        not_found(request, "observation", pk)
    if write and not permissions.can_edit_observation(request.user, observation):
        raise PermissionDenied
    if request.method == "GET":
        # Every display of a raw observation is a read of it: audited.
        organisation = observation.organisation
        record(
            request.user,
            "observation.viewed",
            observation,
            organisation=organisation,
            request=request,
        )
    return observation


def get_protocol_for_user(request: AuthenticatedHttpRequest, pk: int) -> ResearchProtocol:
    """A protocol opens only to its researcher, and only while in force: else nothing."""
    protocol = ResearchProtocol.objects.filter(pk=pk).prefetch_related("terms").first()
    if protocol is None or not permissions.can_use_protocol(request.user, protocol):
        not_found(request, "research_protocol", pk)
    return protocol


def _posted(request: AuthenticatedHttpRequest) -> QueryDict | None:
    """The POST data of a POST, even empty (an empty form is still a submission)."""
    return request.POST if request.method == "POST" else None


def _chart_context(result: stats.Trends, form: TrendsFilterForm) -> dict[str, object]:
    return {
        "form": form,
        "selects": select_options(form),
        "trends": result,
        "bars": charts.timeline(result.months, result.timeline.values, result.previous_timeline),
        "timeline_rows": [result.timeline],
    }


def trends(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_view_trends(request.user):
        not_found(request, "observatory", "trends")
    form, query, measure = parse_filters(request.GET, *table_bounds(), None)
    result = stats.build(query, measure=measure)
    context = {
        **_chart_context(result, form),
        "form": form,
        "export_query": request.GET.urlencode(),
        "can_change_settings": permissions.can_change_settings(request.user),
        "can_record": permissions.can_record(request.user),
    }
    return render(request, "observatory/trends.html", context)


def _export_response(
    request: AuthenticatedHttpRequest, result: stats.Trends, file_format: str, name: str
) -> HttpResponse:
    organisation = (
        request.user.active_memberships[0].organisation.name
        if request.user.active_memberships
        else ""
    )
    producer = exports.Producer(request.user.full_name, organisation)
    content = (
        exports.to_csv(result, producer)
        if file_format == "csv"
        else exports.to_xlsx(result, producer)
    )
    response = HttpResponse(content, content_type=exports.FORMATS[file_format])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{file_format}"'
    return response


def export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    if not permissions.can_view_trends(request.user) or file_format not in exports.FORMATS:
        not_found(request, "observatory_export", file_format)
    require_recent_authentication(request)
    form, query, measure = parse_filters(request.GET, *table_bounds(), None)
    result = stats.build(query, measure=measure)
    record(
        request.user,
        "observatory.exported",
        None,
        request=request,
        format=file_format,
        period=f"{query.start:%Y-%m}..{query.end:%Y-%m}",
        vocabulary=query.vocabulary,
    )
    return _export_response(request, result, file_format, "filet-observatoire")


def settings_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_change_settings(request.user):
        raise PermissionDenied
    current = ObservatorySettings.load()
    form = SettingsForm(
        _posted(request),
        initial={"k": current.k, "version": current.version},
    )
    if request.method == "POST" and form.is_valid():
        require_recent_authentication(request)
        try:
            actions.set_k(
                form.cleaned_data["k"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except actions.StaleEdit:
            form.add_error(None, _("Someone changed this setting while you were editing it."))
            return render(
                request, "observatory/settings.html", {"form": form, "current": current}, status=409
            )
        messages.success(request, _("The smallest published count is saved."))
        return redirect("observatory:trends")
    status = 400 if form.is_bound else 200
    return render(
        request, "observatory/settings.html", {"form": form, "current": current}, status=status
    )


def observations(request: AuthenticatedHttpRequest) -> HttpResponse:
    ids = permissions.raw_organisation_ids(request.user)
    if not ids:
        not_found(request, "observations", "list")
    found = (
        Observation.objects.of_organisations(ids)
        .select_related("sector", "milieu", "author", "organisation")
        .order_by("-month", "-pk")
    )
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    record(
        request.user,
        "observation.listed",
        None,
        request=request,
        page=page.number,
        count=len(page.object_list),
    )
    context = {"page": page, "can_record": permissions.can_record(request.user)}
    return render(request, "observatory/observations.html", context)


def _recording_organisation(request: AuthenticatedHttpRequest) -> Organisation:
    organisation = permissions.recording_organisation(request.user)
    if not permissions.can_record(request.user) or organisation is None:
        raise PermissionDenied
    return organisation


def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _recording_organisation(request)
    terms = load_terms()
    form = ObservationForm(
        _posted(request),
        terms=terms,
        initial=initial_for(terms),
    )
    if request.method == "POST" and form.is_valid():
        saved = actions.record_observations(
            [form.entry()],
            by=request.user,
            organisation=organisation,
            submission=form.cleaned_data.get("submission", ""),
        )
        messages.success(request, _("Observation recorded. Thank you."))
        return redirect(saved[0])
    context = {"form": form, "organisation": organisation, "reminder": DPJ_REMINDER}
    return render(
        request, "observatory/observation_form.html", context, status=400 if form.is_bound else 200
    )


def bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _recording_organisation(request)
    terms = load_terms()
    initial = initial_for(terms)
    common = BulkCommonForm(_posted(request), terms=terms, initial=initial)
    blank = [initial] * BULK_ROWS
    rows = BulkFormSet(_posted(request), form_kwargs={"terms": terms}, initial=blank)
    if request.method == "POST" and common.is_valid() and rows.is_valid():
        entries = [row.entry(common.cleaned_data) for row in rows if row.has_changed()]
        if entries:
            submission = common.cleaned_data.get("submission", "")
            actions.record_observations(
                entries, by=request.user, organisation=organisation, submission=submission
            )
            count = {"count": len(entries)}
            messages.success(request, _("%(count)s observations recorded.") % count)
            return redirect("observatory:observations")
        common.add_error(None, _("Fill in at least one row."))
    context = {"common": common, "rows": rows, "organisation": organisation}
    context["reminder"] = DPJ_REMINDER
    return render(request, "observatory/bulk.html", context, status=400 if common.is_bound else 200)


def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    observation = get_observation_for_user(request, pk)
    context = {
        "observation": observation,
        "terms": list(observation.terms.all()),
        "revisions": observation.revisions.select_related("saved_by"),
        "can_edit": permissions.can_edit_observation(request.user, observation),
    }
    return render(request, "observatory/detail.html", context)


def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    observation = get_observation_for_user(request, pk, write=True)
    held = [*observation.terms.all(), observation.sector, observation.milieu]
    held += [observation.source, observation.confidence]
    initial = initial_from(observation)
    form = ObservationForm(_posted(request), terms=load_terms(keep=held), initial=initial)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data["version"] or 0
        try:
            actions.change_observation(
                observation, form.entry(), by=request.user, expected_version=expected
            )
        except actions.StaleEdit:
            form.add_error(None, STALE_OBSERVATION)
            status = 409
        else:
            messages.success(request, _("Observation saved; its former version is kept."))
            return redirect(observation)
    context = {"form": form, "observation": observation, "reminder": DPJ_REMINDER}
    context["organisation"] = observation.organisation
    return render(request, "observatory/observation_form.html", context, status=status)


def protocols(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_list_protocols(request.user):
        not_found(request, "research_protocol", "list")
    found = ResearchProtocol.objects.select_related("researcher", "organisation")
    if not permissions.can_manage_protocols(request.user):
        found = found.filter(researcher=request.user)
    context = {
        "protocols": found,
        "can_manage": permissions.can_manage_protocols(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "observatory/protocols.html", context)


def protocol_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_manage_protocols(request.user):
        raise PermissionDenied
    form = ProtocolForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions.create_protocol(by=request.user, terms=list(data.pop("terms")), **data)
        messages.success(request, _("Research protocol recorded."))
        return redirect("observatory:protocols")
    return render(
        request,
        "observatory/protocol_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _protocol_query(
    request: AuthenticatedHttpRequest, protocol: ResearchProtocol
) -> tuple[TrendsFilterForm, stats.Query, str]:
    scoped = Term.objects.filter(vocabulary__in=CATEGORY_VOCABULARIES)
    allowed = frozenset(t.pk for t in scoped if t.vocabulary in protocol.vocabularies) | {
        t.pk for t in protocol.terms.all()
    }
    last = min(protocol.period_end, timezone.localdate().replace(day=1))
    first = protocol.period_start
    form, query, measure = parse_filters(request.GET, first, max(last, first), frozenset(allowed))
    return form, replace(query, earliest=first), measure


def research(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    protocol = get_protocol_for_user(request, pk)
    form, query, measure = _protocol_query(request, protocol)
    result = stats.build(query, measure=measure)
    record(
        request.user,
        "research.viewed",
        protocol,
        request=request,
        period=f"{query.start:%Y-%m}..{query.end:%Y-%m}",
    )
    context = {
        **_chart_context(result, form),
        "form": form,
        "protocol": protocol,
        "export_query": request.GET.urlencode(),
    }
    return render(request, "observatory/research.html", context)


def research_export(request: AuthenticatedHttpRequest, pk: int, file_format: str) -> HttpResponse:
    protocol = get_protocol_for_user(request, pk)
    if file_format not in exports.FORMATS:
        not_found(request, "research_export", file_format)
    require_recent_authentication(request)
    form, query, measure = _protocol_query(request, protocol)
    result = stats.build(query, measure=measure)
    record(
        request.user,
        "research.exported",
        protocol,
        request=request,
        format=file_format,
        period=f"{query.start:%Y-%m}..{query.end:%Y-%m}",
        vocabulary=query.vocabulary,
    )
    return _export_response(request, result, file_format, "filet-recherche")
