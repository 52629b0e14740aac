"""The matrix as Open Referral HSDS 3.0 objects, for the directory's HSDS export.

Stages of the continuum and responsibilities are two taxonomies; each cell of the current
matrix (the latest adopted version, else the working draft) becomes an `attribute` linking
the partner's `organization` to the stage's term, with the responsibility code as `value`.
Identifiers are uuid5 of FILET_HSDS_NAMESPACE and "kind:key", so they are stable from one
export to the next. The directory imports FILET_HSDS_NAMESPACE from here.
"""

import uuid
from typing import Any

from filet.matrix.models import Responsibility, Stage
from filet.matrix.snapshots import current_snapshot

FILET_HSDS_NAMESPACE = uuid.UUID("6f1c3c3e-8f4b-4a52-9a8e-2f3d5f0b7a10")

STAGES_TAXONOMY = "stages"
RESPONSIBILITIES_TAXONOMY = "responsibilities"
# What an attribute says about an organization: its zone of contribution at a stage.
LINK_TYPE = "zone_of_contribution"

_RESPONSIBILITY_DESCRIPTIONS = {
    Responsibility.LEAD: (
        "Pilote",
        "Assume la responsabilité principale de l'étape.",
        "Lead",
        "Holds the main responsibility for the stage.",
    ),
    Responsibility.CONTRIBUTES: (
        "Contribue",
        "Participe activement à l'étape.",
        "Contributes",
        "Takes an active part in the stage.",
    ),
    Responsibility.CONSULTED: (
        "Consulté",
        "Est consulté pour son expertise.",
        "Consulted",
        "Is consulted for its expertise.",
    ),
    Responsibility.INFORMED: (
        "Informé",
        "Est tenu informé.",
        "Informed",
        "Is kept informed.",
    ),
}


def stable_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(FILET_HSDS_NAMESPACE, f"{kind}:{key}"))


def organization_id(organisation_pk: int) -> str:
    """The HSDS id of a partner, shared with the directory's export."""
    return stable_id("organization", organisation_pk)


def taxonomy_id(name: str) -> str:
    return stable_id("taxonomy", name)


def stage_term_id(stage_pk: int) -> str:
    return stable_id("stage", stage_pk)


def responsibility_term_id(code: str) -> str:
    return stable_id("responsibility", code)


def taxonomies() -> list[dict[str, Any]]:
    return [
        {
            "id": taxonomy_id(STAGES_TAXONOMY),
            "name": "Filet — étapes du continuum / stages of the continuum",
            "description": "Étapes du continuum d'action contre l'exploitation sexuelle des "
            "mineurs (colonnes de la matrice des zones de contribution). / Stages of the "
            "continuum of action against the sexual exploitation of minors.",
        },
        {
            "id": taxonomy_id(RESPONSIBILITIES_TAXONOMY),
            "name": "Filet — responsabilités / responsibilities",
            "description": "Responsabilité d'un partenaire à une étape du continuum. / A "
            "partner's responsibility at a stage of the continuum.",
        },
    ]


def taxonomy_terms(language: str = "fr") -> list[dict[str, Any]]:
    """Every stage (retired ones too: adopted versions may name them) and every
    responsibility, named in `language` ("fr" or "en")."""
    english = language == "en"
    terms = [_stage_term(stage, english=english) for stage in Stage.objects.order_by("order")]
    for code, (name_fr, text_fr, name_en, text_en) in _RESPONSIBILITY_DESCRIPTIONS.items():
        terms.append(
            {
                "id": responsibility_term_id(code),
                "code": str(code),
                "name": name_en if english else name_fr,
                "description": text_en if english else text_fr,
                "taxonomy_id": taxonomy_id(RESPONSIBILITIES_TAXONOMY),
                "language": "en" if english else "fr",
            }
        )
    return terms


def _stage_term(stage: Stage, *, english: bool) -> dict[str, Any]:
    name = stage.label_en if english and stage.label_en else stage.label_fr
    definition = stage.definition_en if english else stage.definition_fr
    return {
        "id": stage_term_id(stage.pk),
        "code": stage.code,
        "name": name,
        "description": definition or name,
        "taxonomy_id": taxonomy_id(STAGES_TAXONOMY),
        "language": "en" if english else "fr",
    }


def organisation_attributes(organisation_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """One attribute per cell of the current matrix; limited to `organisation_ids` if given
    (the directory leaves out partners it does not export)."""
    _version, snapshot = current_snapshot()
    return [
        {
            "id": stable_id("attribute", f"{cell['organisation']}:{cell['stage_id']}"),
            "link_id": organization_id(cell["organisation"]),
            "link_entity": "organization",
            "link_type": LINK_TYPE,
            "taxonomy_term_id": stage_term_id(cell["stage_id"]),
            "value": cell["responsibility"],
        }
        for cell in snapshot["cells"]
        if organisation_ids is None or cell["organisation"] in organisation_ids
    ]
