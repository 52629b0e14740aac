"""The matrix as HSDS 3.0 taxonomy, terms and attributes, valid against the official schemas."""

import json
import uuid
from pathlib import Path

import jsonschema
import pytest

from filet.matrix import hsds
from filet.matrix.models import Cell, Responsibility, Stage

SCHEMAS = Path("/work/shared/hsds-3.0/schema")


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    # The nested objects ($ref to other files) are optional; only check this object's own.
    schema["properties"] = {
        key: value for key, value in schema["properties"].items() if "$ref" not in value
    }
    schema["properties"].pop("metadata", None)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_namespace_is_the_agreed_constant():
    assert uuid.UUID("6f1c3c3e-8f4b-4a52-9a8e-2f3d5f0b7a10") == hsds.FILET_HSDS_NAMESPACE


@pytest.mark.django_db
def test_two_taxonomies_valid_and_stable():
    validator = _validator("taxonomy")
    first, second = hsds.taxonomies(), hsds.taxonomies()
    assert first == second
    assert len(first) == 2
    for taxonomy in first:
        validator.validate(taxonomy)


@pytest.mark.django_db
def test_terms_name_every_stage_and_responsibility():
    validator = _validator("taxonomy_term")
    terms = hsds.taxonomy_terms()
    for term in terms:
        validator.validate(term)
    codes = [term["code"] for term in terms]
    assert codes == [
        "prevention",
        "awareness",
        "detection",
        "protection",
        "investigation",
        "support",
        "research",
        "lead",
        "contributes",
        "consulted",
        "informed",
    ]
    assert terms[0]["name"] == "Prévention"
    assert hsds.taxonomy_terms("en")[0]["name"] == "Prevention"


def test_organization_id_is_uuid5_of_the_namespace():
    expected = str(uuid.uuid5(hsds.FILET_HSDS_NAMESPACE, "organization:42"))
    assert hsds.organization_id(42) == expected


@pytest.mark.django_db
def test_attributes_link_each_draft_cell_when_nothing_adopted(personas):
    investigation = Stage.objects.get(code="investigation")
    Cell.objects.create(
        stage=investigation, organisation=personas.org_b, responsibility=Responsibility.LEAD
    )
    attributes = hsds.organisation_attributes()
    assert attributes == [
        {
            "id": str(
                uuid.uuid5(
                    hsds.FILET_HSDS_NAMESPACE, f"attribute:{personas.org_b.pk}:{investigation.pk}"
                )
            ),
            "link_id": hsds.organization_id(personas.org_b.pk),
            "link_entity": "organization",
            "link_type": "zone_of_contribution",
            "taxonomy_term_id": hsds.stage_term_id(investigation.pk),
            "value": "lead",
        }
    ]
    _validator("attribute").validate(attributes[0])
    assert hsds.organisation_attributes({personas.org_a.pk}) == []


@pytest.mark.django_db
def test_attributes_follow_the_adopted_version_not_later_drafts(personas):
    import datetime

    from filet.matrix import actions

    Cell.objects.create(
        stage=Stage.objects.get(code="prevention"),
        organisation=personas.org_a,
        responsibility=Responsibility.LEAD,
    )
    actions.adopt_matrix(by=personas.coordinator, adopted_on=datetime.date(2025, 6, 12))
    Cell.objects.update(responsibility=Responsibility.INFORMED)
    assert [a["value"] for a in hsds.organisation_attributes()] == ["lead"]
