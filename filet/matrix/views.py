from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from filet.lib.access import not_found, require_recent_authentication
from filet.lib.http import AuthenticatedHttpRequest
from filet.matrix import actions, exports, permissions
from filet.matrix.forms import AdoptForm, AgreementForm, CellForm, StageForm
from filet.matrix.grid import Row, build_grid, diff, partner_order
from filet.matrix.models import (
    Agreement,
    Cell,
    MatrixVersion,
    Responsibility,
    Stage,
    StageListVersion,
    matrix_organisations,
)
from filet.matrix.snapshots import Snapshot, draft_snapshot
from filet.organisations.models import Organisation

LEGEND = [(r.value, r.label) for r in Responsibility]
ROWS_PER_PAGE = 60  # two regions' Tables (29 partners each) per page


def get_row_for_user(
    request: AuthenticatedHttpRequest, pk: int, *, write: bool = False
) -> Organisation:
    """A partner's row of the matrix. Every signed-in person reads every row (the matrix is
    Table-wide); writing takes the coordinator or that organisation's representative (403)."""
    organisation = matrix_organisations().filter(pk=pk).first()
    if organisation is None or not permissions.can_view_matrix(request.user):
        not_found(request, "organisation", pk)
    if write and not permissions.can_edit_row(request.user, organisation):
        raise PermissionDenied
    return organisation


def _get_stage(request: AuthenticatedHttpRequest, pk: int) -> Stage:
    stage = Stage.objects.active().filter(pk=pk).first()
    if stage is None:
        not_found(request, "stage", pk)
    return stage


def _get_version(request: AuthenticatedHttpRequest, number: int) -> MatrixVersion:
    version = MatrixVersion.objects.filter(number=number).select_related("adopted_by").first()
    if version is None:
        not_found(request, "matrix_version", number)
    return version


def _editable_ids(request: AuthenticatedHttpRequest, rows: list[Row]) -> set[int]:
    editable = permissions.editable_organisation_ids(request.user)
    return {row.organisation_id for row in rows} if editable is None else editable


def matrix(request: AuthenticatedHttpRequest) -> HttpResponse:
    snapshot = draft_snapshot()
    latest = MatrixVersion.objects.latest_adopted()
    # Gaps are judged on the whole matrix; a province has some 500 partners, shown by pages.
    page = Paginator(partner_order(snapshot), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    grid = build_grid(snapshot, organisation_ids=set(page.object_list))
    context = {
        "grid": grid,
        "page": page,
        "legend": LEGEND,
        "latest": latest,
        "pending": diff(latest.snapshot, snapshot) if latest else None,
        "editable_ids": _editable_ids(request, grid.rows),
        "can_adopt": permissions.can_adopt(request.user),
    }
    return render(request, "matrix/matrix.html", context)


def partner(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_row_for_user(request, pk)
    grid = build_grid(draft_snapshot(), organisation_ids={organisation.pk})
    context = {
        "organisation": organisation,
        "row": grid.rows[0],
        "can_edit": permissions.can_edit_row(request.user, organisation),
        "agreements": organisation.agreements.prefetch_related("partners"),
    }
    return render(request, "matrix/partner.html", context)


def stage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    stage = _get_stage(request, pk)
    grid = build_grid(draft_snapshot(), stage_codes={stage.code})
    order = {code: index for index, code in enumerate(Responsibility.values)}
    entries = [(row, row.entries[0]) for row in grid.rows if row.entries[0].responsibility]
    entries.sort(key=lambda pair: order[pair[1].responsibility])
    context = {
        "stage": stage,
        "column": grid.columns[0],
        "entries": entries,
        "editable_ids": _editable_ids(request, grid.rows),
        "agreements": stage.agreements.prefetch_related("partners"),
    }
    return render(request, "matrix/stage.html", context)


def edit_cell(request: AuthenticatedHttpRequest, pk: int, stage_pk: int) -> HttpResponse:
    organisation = get_row_for_user(request, pk, write=True)
    stage = _get_stage(request, stage_pk)
    cell = Cell.objects.filter(organisation=organisation, stage=stage).first()
    if request.method != "POST":
        form = CellForm(initial=_initial(cell))
        return _render_cell(request, organisation, stage, form)
    form = CellForm(request.POST)
    if not form.is_valid():
        return _render_cell(request, organisation, stage, form, status=400)
    try:
        actions.set_cell(organisation, stage, by=request.user, **form.cleaned_data)
    except actions.StaleEdit:
        # Keep what was typed, now against the revision just shown: saving again is a
        # deliberate choice to replace the other person's version.
        form = CellForm({**request.POST.dict(), "revision": cell.revision if cell else 0})
        form.is_valid()
        form.add_error(None, _("Someone changed this cell while you were editing it."))
        return _render_cell(request, organisation, stage, form, current=cell, status=409)
    messages.success(request, _("The cell is saved in the working draft."))
    return redirect("matrix:partner", pk=organisation.pk)


def _initial(cell: Cell | None) -> dict[str, object]:
    if cell is None:
        return {"revision": 0}
    fields = ("responsibility", "description_fr", "description_en", "mandate", "revision")
    return {name: getattr(cell, name) for name in fields}


def _render_cell(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    stage: Stage,
    form: CellForm,
    *,
    current: Cell | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"organisation": organisation, "stage": stage, "form": form, "current": current}
    return render(request, "matrix/edit_cell.html", context, status=status)


def versions(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "versions": MatrixVersion.objects.select_related("adopted_by").defer("snapshot"),
        "can_adopt": permissions.can_adopt(request.user),
    }
    return render(request, "matrix/versions.html", context)


def version(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    adopted = _get_version(request, number)
    context = {"version": adopted, "grid": build_grid(adopted.snapshot), "legend": LEGEND}
    return render(request, "matrix/version.html", context)


def compare(request: AuthenticatedHttpRequest) -> HttpResponse:
    numbers = list(MatrixVersion.objects.values_list("number", flat=True))
    # By default: what changed since the latest adoption.
    old_key = request.GET.get("de") or (str(numbers[0]) if numbers else "")
    new_key = request.GET.get("a") or "draft"
    old, new = _snapshot_for(old_key, numbers), _snapshot_for(new_key, numbers)
    context = {
        "numbers": numbers,
        "old_key": old_key,
        "new_key": new_key,
        "changes": diff(old, new) if old is not None and new is not None else None,
    }
    return render(request, "matrix/compare.html", context)


def _snapshot_for(key: str, numbers: list[int]) -> Snapshot | None:
    """A version by its number, or the working draft; None for anything else."""
    if key == "draft":
        return draft_snapshot()
    if key.isdigit() and int(key) in numbers:
        # nosemgrep: unscoped-objects-get-in-view — versions are Table-wide; number checked above
        return MatrixVersion.objects.get(number=int(key)).snapshot
    return None


def adopt(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_adopt(request.user):
        raise PermissionDenied
    require_recent_authentication(request)
    data = request.POST if request.method == "POST" else None
    form = AdoptForm(data, initial={"adopted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            adopted = actions.adopt_matrix(by=request.user, **form.cleaned_data)
        except actions.NothingToAdopt:
            form.add_error(None, _("The working draft has not changed since the last version."))
        else:
            messages.success(
                request, _("Version %(number)s is recorded.") % {"number": adopted.number}
            )
            return redirect(adopted)
    latest = MatrixVersion.objects.latest_adopted()
    context = {
        "form": form,
        "latest": latest,
        "changes": diff(latest.snapshot, draft_snapshot()) if latest else None,
    }
    return render(request, "matrix/adopt.html", context, status=400 if form.errors else 200)


def export(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    return _export(request, None, file_format)


def version_export(
    request: AuthenticatedHttpRequest, number: int, file_format: str
) -> HttpResponse:
    return _export(request, _get_version(request, number), file_format)


def _export(
    request: AuthenticatedHttpRequest, adopted: MatrixVersion | None, file_format: str
) -> HttpResponse:
    if file_format not in exports.FORMATS:
        not_found(request, "export_format", file_format)
    if not permissions.can_export(request.user):
        raise PermissionDenied
    require_recent_authentication(request)
    snapshot = adopted.snapshot if adopted else draft_snapshot()
    render_file = exports.to_csv if file_format == "csv" else exports.to_xlsx
    content = render_file(snapshot)
    actions.log_export(adopted, by=request.user, file_format=file_format, request=request)
    name = f"matrice-v{adopted.number}" if adopted else f"matrice-{timezone.localdate():%Y-%m-%d}"
    response = HttpResponse(content, content_type=exports.FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def stages(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "stages": Stage.objects.all(),
        "history": StageListVersion.objects.select_related("created_by")[:20],
        "can_edit": permissions.can_edit_stages(request.user),
    }
    return render(request, "matrix/stages.html", context)


def stage_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _stage_form(request, None)


def stage_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    stage = Stage.objects.filter(pk=pk).first()
    if stage is None:
        not_found(request, "stage", pk)
    return _stage_form(request, stage)


def _stage_form(request: AuthenticatedHttpRequest, stage: Stage | None) -> HttpResponse:
    if not permissions.can_edit_stages(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "matrix/stage_form.html", {"form": StageForm(instance=stage)})
    form = StageForm(request.POST, instance=stage)
    if not form.is_valid():
        return render(request, "matrix/stage_form.html", {"form": form}, status=400)
    values = {name: form.cleaned_data[name] for name in actions.STAGE_FIELDS}
    actions.save_stage(
        stage,
        by=request.user,
        values=values,
        is_active=form.cleaned_data["is_active"],
    )
    messages.success(request, _("The stage list is saved."))
    return redirect("matrix:stages")


def agreements(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "agreements": Agreement.objects.prefetch_related("partners", "stages"),
        "can_edit": permissions.can_edit_agreements(request.user),
    }
    return render(request, "matrix/agreements.html", context)


def agreement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = Agreement.objects.prefetch_related("partners", "stages").filter(pk=pk).first()
    if found is None:
        not_found(request, "agreement", pk)
    context = {"agreement": found, "can_edit": permissions.can_edit_agreements(request.user)}
    return render(request, "matrix/agreement.html", context)


def agreement_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _agreement_form(request, None)


def agreement_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = Agreement.objects.filter(pk=pk).first()
    if found is None:
        not_found(request, "agreement", pk)
    return _agreement_form(request, found)


def _agreement_form(request: AuthenticatedHttpRequest, agreement: Agreement | None) -> HttpResponse:
    if not permissions.can_edit_agreements(request.user):
        raise PermissionDenied
    if request.method != "POST":
        form = AgreementForm(instance=agreement)
        return render(request, "matrix/agreement_form.html", {"form": form, "agreement": agreement})
    form = AgreementForm(request.POST, instance=agreement)
    if not form.is_valid():
        context = {"form": form, "agreement": agreement}
        return render(request, "matrix/agreement_form.html", context, status=400)
    values = {name: form.cleaned_data[name] for name in actions.AGREEMENT_FIELDS}
    saved = actions.save_agreement(
        agreement,
        by=request.user,
        values=values,
        partners=form.cleaned_data["partners"],
        stages=form.cleaned_data["stages"],
    )
    messages.success(request, _("The agreement is saved."))
    return redirect(saved)
