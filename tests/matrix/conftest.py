"""Helpers for the matrix tests: stages by code, and cells written through the real action."""

import pytest

from filet.matrix import actions
from filet.matrix.models import Cell, Stage
from filet.organisations.models import Organisation
from tests.conftest import Personas


def stage(code: str) -> Stage:
    return Stage.objects.get(code=code)


def put(organisation: Organisation, code: str, responsibility: str, *, by, **fields) -> Cell | None:
    """Write a cell as an editor would, whatever its current revision."""
    current = Cell.objects.filter(organisation=organisation, stage__code=code).first()
    return actions.set_cell(
        organisation,
        stage(code),
        by=by,
        responsibility=responsibility,
        revision=current.revision if current else 0,
        **fields,
    )


@pytest.fixture
def filled(personas: Personas) -> Personas:
    """Organisation B leads investigation; A contributes to support and leads prevention."""
    by = personas.coordinator
    put(personas.org_b, "investigation", "lead", by=by, mandate="Code criminel")
    put(
        personas.org_a,
        "prevention",
        "lead",
        by=by,
        description_fr="Ateliers en classe",
        description_en="Classroom workshops",
    )
    put(personas.org_a, "support", "contributes", by=by)
    return personas
