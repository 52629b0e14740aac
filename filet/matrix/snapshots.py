"""The matrix as plain data. The working draft and every adopted version share one shape,
so the grid, the diff, the exports and HSDS read them all the same way:

    {"stages": [{"id", "code", "label_fr", "label_en", "definition_fr", "definition_en",
                 "order", "is_active"}],
     "organisations": [{"id", "name_fr", "name_en", "acronym"}],
     "cells": [{"stage": code, "stage_id", "organisation": id, "responsibility",
                "description_fr", "description_en", "mandate"}]}
"""

from typing import Any

from filet.matrix.models import Cell, MatrixVersion, Stage, matrix_organisations

Snapshot = dict[str, Any]


def draft_snapshot() -> Snapshot:
    """The working draft: active stages, active partners and their cells (three queries)."""
    stages = [stage.as_snapshot() for stage in Stage.objects.active()]
    organisations = [
        {"id": pk, "name_fr": fr, "name_en": en, "acronym": acronym}
        for pk, fr, en, acronym in matrix_organisations().values_list(
            "pk", "name_fr", "name_en", "acronym"
        )
    ]
    rows = (
        Cell.objects.in_matrix()
        .order_by("organisation__name_fr", "stage__order", "stage_id")
        .values(
            "stage__code",
            "stage_id",
            "organisation_id",
            "responsibility",
            "description_fr",
            "description_en",
            "mandate",
        )
    )
    cells = [
        {
            "stage": row["stage__code"],
            "stage_id": row["stage_id"],
            "organisation": row["organisation_id"],
            "responsibility": row["responsibility"],
            "description_fr": row["description_fr"],
            "description_en": row["description_en"],
            "mandate": row["mandate"],
        }
        for row in rows
    ]
    return {"stages": stages, "organisations": organisations, "cells": cells}


def current_snapshot() -> tuple[MatrixVersion | None, Snapshot]:
    """The latest adopted version, or the working draft when none was adopted yet."""
    version = MatrixVersion.objects.latest_adopted()
    if version is not None:
        return version, version.snapshot
    return None, draft_snapshot()


def cell_key(cell: dict[str, Any]) -> tuple[int, str]:
    return (cell["organisation"], cell["stage"])


def same_cells(first: Snapshot, second: Snapshot) -> bool:
    return sorted(first["cells"], key=cell_key) == sorted(second["cells"], key=cell_key)
