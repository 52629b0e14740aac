"""The matrix's actions: exact rows and audit entries, nothing half-written."""

import datetime
from unittest import mock

import pytest

from filet.audit.models import AuditEntry
from filet.matrix import actions
from filet.matrix.models import Cell, MatrixVersion, Stage, StageListVersion
from tests.matrix.conftest import put, stage

pytestmark = pytest.mark.django_db


def test_seven_stages_are_seeded_in_order():
    assert list(Stage.objects.values_list("code", "label_fr")) == [
        ("prevention", "Prévention"),
        ("awareness", "Sensibilisation"),
        ("detection", "Détection et dépistage"),
        ("protection", "Protection et intervention"),
        ("investigation", "Enquête et processus judiciaire"),
        ("support", "Soutien et réinsertion"),
        ("research", "Recherche et formation"),
    ]
    assert list(StageListVersion.objects.values_list("number", flat=True)) == [1]


def test_set_cell_creates_then_updates_with_a_revision(personas):
    by = personas.representative
    cell = actions.set_cell(
        personas.org_a, stage("support"), by=by, responsibility="contributes", mandate="Mission"
    )
    assert (cell.responsibility, cell.mandate, cell.revision, cell.updated_by) == (
        "contributes",
        "Mission",
        1,
        by,
    )
    actions.set_cell(personas.org_a, stage("support"), by=by, responsibility="lead", revision=1)
    cell.refresh_from_db()
    assert (cell.responsibility, cell.mandate, cell.revision) == ("lead", "", 2)
    entries = AuditEntry.objects.filter(action="matrix.cell_changed").order_by("seq")
    assert [(e.data["before"], e.data["after"], e.organisation_id) for e in entries] == [
        ("", "contributes", personas.org_a.pk),
        ("contributes", "lead", personas.org_a.pk),
    ]


def test_an_empty_responsibility_clears_the_cell(personas):
    put(personas.org_a, "support", "lead", by=personas.coordinator)
    assert put(personas.org_a, "support", "", by=personas.coordinator) is None
    assert Cell.objects.count() == 0
    last = AuditEntry.objects.filter(action="matrix.cell_changed").order_by("-seq").first()
    assert (last.data["before"], last.data["after"]) == ("lead", "")


def test_a_stale_revision_writes_nothing(personas):
    put(personas.org_a, "support", "lead", by=personas.coordinator)
    audit_before = AuditEntry.objects.count()
    with pytest.raises(actions.StaleEdit):
        actions.set_cell(
            personas.org_a,
            stage("support"),
            by=personas.representative,
            responsibility="informed",
            revision=0,
        )
    assert Cell.objects.get().responsibility == "lead"
    assert AuditEntry.objects.count() == audit_before


def test_renaming_a_stage_keeps_the_old_label_in_adopted_versions(filled):
    by = filled.coordinator
    version = actions.adopt_matrix(by=by, adopted_on=datetime.date(2025, 6, 12))
    prevention = stage("prevention")
    values = {field: getattr(prevention, field) for field in actions.STAGE_FIELDS}
    actions.save_stage(
        prevention, by=by, values={**values, "label_fr": "Prévention primaire"}, is_active=True
    )
    version.refresh_from_db()
    assert version.snapshot["stages"][0]["label_fr"] == "Prévention"
    assert StageListVersion.objects.order_by("-number").first().stages[0]["label_fr"] == (
        "Prévention primaire"
    )
    entry = AuditEntry.objects.filter(action="stage.changed").get()
    assert entry.data == {"code": "prevention", "active": True, "list": 2}


def test_adopt_freezes_the_draft_with_the_next_number(filled):
    by = filled.coordinator
    first = actions.adopt_matrix(by=by, adopted_on=datetime.date(2025, 6, 12), note="Résolution 12")
    assert (first.number, first.adopted_on, first.note, first.adopted_by) == (
        1,
        datetime.date(2025, 6, 12),
        "Résolution 12",
        by,
    )
    assert sorted(
        (c["organisation"], c["stage"], c["responsibility"]) for c in first.snapshot["cells"]
    ) == sorted(
        [
            (filled.org_b.pk, "investigation", "lead"),
            (filled.org_a.pk, "prevention", "lead"),
            (filled.org_a.pk, "support", "contributes"),
        ]
    )
    assert first.stage_list.number == 1
    put(filled.org_a, "support", "lead", by=by)
    second = actions.adopt_matrix(by=by, adopted_on=datetime.date(2025, 9, 1))
    assert second.number == 2
    entry = AuditEntry.objects.filter(action="matrix.adopted").order_by("-seq").first()
    assert entry.data == {"number": 2, "adopted_on": "2025-09-01", "cells": 3}


def test_adopting_an_unchanged_draft_is_refused(filled):
    actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    with pytest.raises(actions.NothingToAdopt):
        actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 13))
    assert MatrixVersion.objects.count() == 1


def test_a_failure_after_the_version_is_written_leaves_no_version(filled):
    with (
        mock.patch("filet.matrix.actions.record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        actions.adopt_matrix(by=filled.coordinator, adopted_on=datetime.date(2025, 6, 12))
    assert MatrixVersion.objects.count() == 0


def test_an_agreement_binds_at_least_two_partners(personas):
    values = {
        "title": "Entente",
        "protocol": "Entente multisectorielle",
        "scope": "Portée",
        "starts_on": datetime.date(2024, 1, 1),
        "ends_on": None,
        "contacts": "",
        "document_reference": "",
    }
    with pytest.raises(ValueError, match="two partners"):
        actions.save_agreement(
            None, by=personas.coordinator, values=values, partners=[personas.org_a]
        )
    agreement = actions.save_agreement(
        None,
        by=personas.coordinator,
        values=values,
        partners=[personas.org_a, personas.org_b],
        stages=[stage("investigation")],
    )
    assert set(agreement.partners.all()) == {personas.org_a, personas.org_b}
    entry = AuditEntry.objects.filter(action="agreement.changed").get()
    assert entry.data == {
        "created": True,
        "partners": sorted([personas.org_a.pk, personas.org_b.pk]),
    }
