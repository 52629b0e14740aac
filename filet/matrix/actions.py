"""Changing the matrix: cells of the working draft, the stage list, adoption by the Table,
collaboration agreements. Each action writes its audit row in the same transaction."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.matrix.models import Agreement, Cell, MatrixVersion, Stage, StageListVersion
from filet.matrix.snapshots import draft_snapshot, same_cells
from filet.organisations.models import Organisation

STAGE_FIELDS = ("code", "label_fr", "label_en", "definition_fr", "definition_en", "order")
AGREEMENT_FIELDS = (
    "title",
    "protocol",
    "scope",
    "starts_on",
    "ends_on",
    "contacts",
    "document_reference",
)


class StaleEdit(Exception):
    """Someone else changed the record since the form was shown."""


class NothingToAdopt(Exception):
    """The working draft is the latest adopted version, cell for cell."""


@transaction.atomic
def set_cell(
    organisation: Organisation,
    stage: Stage,
    *,
    by: User,
    responsibility: str,
    description_fr: str = "",
    description_en: str = "",
    mandate: str = "",
    revision: int = 0,
) -> Cell | None:
    """Write one cell of the working draft; an empty responsibility clears it.

    `revision` is the one the editor saw (0 for an empty cell): if the cell moved on since,
    StaleEdit is raised and nothing is written.
    """
    cell = Cell.objects.select_for_update().filter(organisation=organisation, stage=stage).first()
    if (cell.revision if cell else 0) != revision:
        raise StaleEdit
    before = cell.responsibility if cell else ""
    if not responsibility:
        if cell is not None:
            cell.delete()
            _record_cell(by, organisation, stage, before, "")
        return None
    cell = cell or Cell(organisation=organisation, stage=stage, revision=0)
    cell.responsibility = responsibility
    cell.description_fr, cell.description_en = description_fr, description_en
    cell.mandate = mandate
    cell.revision += 1
    cell.updated_at, cell.updated_by = timezone.now(), by
    cell.save()
    _record_cell(by, organisation, stage, before, responsibility)
    return cell


def _record_cell(
    by: User, organisation: Organisation, stage: Stage, before: str, after: str
) -> None:
    record(
        by,
        "matrix.cell_changed",
        organisation,
        organisation=organisation,
        stage=stage.code,
        before=before,
        after=after,
    )


@transaction.atomic
def save_stage(stage: Stage | None, *, by: User, values: dict[str, Any], is_active: bool) -> Stage:
    """Create or change a stage, then keep the whole list as a new StageListVersion."""
    stage = stage or Stage()
    for field in STAGE_FIELDS:
        setattr(stage, field, values[field])
    stage.is_active = is_active
    stage.save()
    version = _snapshot_stage_list(by)
    record(by, "stage.changed", stage, code=stage.code, active=is_active, list=version.number)
    return stage


def _snapshot_stage_list(by: User) -> StageListVersion:
    # The matrix is adopted against a stage list; lock it so both cannot interleave.
    stages = list(Stage.objects.select_for_update().order_by("order", "pk"))
    number = (StageListVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    return StageListVersion.objects.create(
        number=number, created_by=by, stages=[stage.as_snapshot() for stage in stages]
    )


@transaction.atomic
def adopt_matrix(*, by: User, adopted_on: datetime.date, note: str = "") -> MatrixVersion:
    """Freeze the working draft as the next version adopted by the Table.

    Refuses (NothingToAdopt) when the draft equals the latest version, which also turns a
    double-click into one version.
    """
    list(Stage.objects.select_for_update().order_by("pk"))
    latest = MatrixVersion.objects.select_for_update().order_by("-number").first()
    snapshot = draft_snapshot()
    if latest is not None and same_cells(latest.snapshot, snapshot):
        raise NothingToAdopt
    version = MatrixVersion.objects.create(
        number=latest.number + 1 if latest else 1,
        adopted_on=adopted_on,
        adopted_by=by,
        note=note,
        stage_list=StageListVersion.objects.order_by("-number").first(),
        snapshot=snapshot,
    )
    record(
        by,
        "matrix.adopted",
        version,
        number=version.number,
        adopted_on=adopted_on.isoformat(),
        cells=len(snapshot["cells"]),
    )
    return version


@transaction.atomic
def save_agreement(
    agreement: Agreement | None,
    *,
    by: User,
    values: dict[str, Any],
    partners: Iterable[Organisation],
    stages: Iterable[Stage] = (),
) -> Agreement:
    """Create or change a collaboration agreement between two or more partners."""
    partners = list(partners)
    if len(partners) < 2:
        raise ValueError("An agreement binds at least two partners.")
    created = agreement is None
    agreement = agreement or Agreement()
    for field in AGREEMENT_FIELDS:
        setattr(agreement, field, values[field])
    agreement.updated_at, agreement.updated_by = timezone.now(), by
    agreement.save()
    agreement.partners.set(partners)
    agreement.stages.set(list(stages))
    record(
        by,
        "agreement.changed",
        agreement,
        created=created,
        partners=sorted(partner.pk for partner in partners),
    )
    return agreement


@transaction.atomic
def log_export(
    version: MatrixVersion | None, *, by: User, file_format: str, request: HttpRequest
) -> None:
    """Write who took a copy of the matrix (the draft when `version` is None)."""
    record(
        by,
        "matrix.exported",
        version,
        request=request,
        format=file_format,
        version=version.number if version else "draft",
    )
