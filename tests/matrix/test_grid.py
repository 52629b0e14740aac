"""Gaps, the grid and the difference between two snapshots: exact values."""

import pytest
from django.utils import translation

from filet.matrix.grid import Change, build_grid, diff
from filet.matrix.snapshots import draft_snapshot

STAGE_LABELS_EN = [
    "Prevention",
    "Awareness",
    "Detection and screening",
    "Protection and intervention",
    "Investigation and judicial process",
    "Support and reintegration",
    "Research and training",
]


def _stage(code, order, label_fr, label_en):
    return {
        "id": order,
        "code": code,
        "label_fr": label_fr,
        "label_en": label_en,
        "definition_fr": "",
        "definition_en": "",
        "order": order,
        "is_active": True,
    }


def _cell(organisation, code, responsibility, description_fr="", mandate=""):
    return {
        "stage": code,
        "stage_id": 0,
        "organisation": organisation,
        "responsibility": responsibility,
        "description_fr": description_fr,
        "description_en": "",
        "mandate": mandate,
    }


SNAPSHOT_STAGES = [
    _stage("prevention", 1, "Prévention", "Prevention"),
    _stage("research", 2, "Recherche et formation", "Research and training"),
]
ORGANISATIONS = [
    {"id": 1, "name_fr": "Alpha", "name_en": "Alpha EN", "acronym": "A"},
    {"id": 2, "name_fr": "Bêta", "name_en": "", "acronym": "B"},
]


def _snapshot(*cells):
    return {"stages": SNAPSHOT_STAGES, "organisations": ORGANISATIONS, "cells": list(cells)}


@pytest.mark.django_db
def test_every_seeded_stage_without_a_lead_is_a_gap(filled):
    with translation.override("en"):
        grid = build_grid(draft_snapshot())
    assert [column.label for column in grid.columns] == STAGE_LABELS_EN
    assert [column.code for column in grid.gaps] == [
        "awareness",
        "detection",
        "protection",
        "support",
        "research",
    ]


def test_a_stage_led_by_anyone_is_no_gap():
    grid = build_grid(_snapshot(_cell(2, "research", "lead"), _cell(1, "prevention", "consulted")))
    assert [column.code for column in grid.gaps] == ["prevention"]


def test_gaps_are_judged_on_the_whole_matrix_even_when_filtered():
    with translation.override("fr-ca"):
        grid = build_grid(_snapshot(_cell(2, "research", "lead")), organisation_ids={1})
    assert [row.name for row in grid.rows] == ["Alpha"]
    assert [column.code for column in grid.gaps] == ["prevention"]


def test_rows_follow_partners_and_cells_follow_stages():
    with translation.override("en"):
        grid = build_grid(_snapshot(_cell(1, "research", "informed", "Reçoit le bulletin")))
        row = grid.rows[0]
        assert (row.name, row.acronym) == ("Alpha EN", "A")
        assert [entry.responsibility for entry in row.entries] == ["", "informed"]
        assert (row.entries[1].label, str(row.entries[1].abbreviation)) == ("Informed", "I")
        # No English description: the French one stands in.
        assert row.entries[1].description == "Reçoit le bulletin"
        assert grid.rows[1].name == "Bêta"


def test_diff_names_added_removed_and_changed_cells():
    old = _snapshot(
        _cell(1, "prevention", "lead", "Ateliers"),
        _cell(2, "prevention", "contributes"),
        _cell(2, "research", "informed", mandate="LPJ art. 38"),
    )
    new = _snapshot(
        _cell(1, "prevention", "contributes", "Ateliers"),
        _cell(1, "research", "lead"),
        _cell(2, "research", "informed", mandate="LPJ art. 39"),
    )
    with translation.override("fr-ca"):
        changes = diff(old, new)
    assert changes == [
        Change(
            kind="changed",
            organisation="Alpha",
            stage="Prévention",
            before={
                "responsibility": "lead",
                "description_fr": "Ateliers",
                "description_en": "",
                "mandate": "",
            },
            after={
                "responsibility": "contributes",
                "description_fr": "Ateliers",
                "description_en": "",
                "mandate": "",
            },
            changed_fields=("responsibility",),
        ),
        Change(
            kind="added",
            organisation="Alpha",
            stage="Recherche et formation",
            before={},
            after={
                "responsibility": "lead",
                "description_fr": "",
                "description_en": "",
                "mandate": "",
            },
        ),
        Change(
            kind="removed",
            organisation="Bêta",
            stage="Prévention",
            before={
                "responsibility": "contributes",
                "description_fr": "",
                "description_en": "",
                "mandate": "",
            },
            after={},
        ),
        Change(
            kind="changed",
            organisation="Bêta",
            stage="Recherche et formation",
            before={
                "responsibility": "informed",
                "description_fr": "",
                "description_en": "",
                "mandate": "LPJ art. 38",
            },
            after={
                "responsibility": "informed",
                "description_fr": "",
                "description_en": "",
                "mandate": "LPJ art. 39",
            },
            changed_fields=("mandate",),
        ),
    ]


def test_diff_labels_follow_the_readers_language():
    old = _snapshot(_cell(1, "prevention", "lead"))
    new = _snapshot(_cell(1, "prevention", "consulted"))
    with translation.override("en"):
        change = diff(old, new)[0]
        assert (change.organisation, change.stage) == ("Alpha EN", "Prevention")
        assert (change.responsibility_before, change.responsibility_after) == ("Lead", "Consulted")
    with translation.override("fr-ca"):
        assert (diff(old, new)[0].organisation, diff(old, new)[0].stage) == ("Alpha", "Prévention")


def test_identical_snapshots_have_no_difference():
    snapshot = _snapshot(_cell(1, "prevention", "lead"))
    assert diff(snapshot, snapshot) == []


def test_each_entry_carries_its_class_label_and_letter_in_the_readers_language():
    snapshot = _snapshot(_cell(1, "research", "lead"), _cell(1, "prevention", "consulted"))
    with translation.override("fr"):
        french = build_grid(snapshot).rows[0].entries
    with translation.override("en"):
        english = build_grid(snapshot).rows[0].entries
    assert [(e.css_class, e.label, e.abbreviation) for e in french] == [
        ("resp resp-consulted", "Consulté", "Cs"),
        ("resp resp-lead", "Pilote", "P"),
    ]
    assert [(e.css_class, e.label, e.abbreviation) for e in english] == [
        ("resp resp-consulted", "Consulted", "Cs"),
        ("resp resp-lead", "Lead", "L"),
    ]
    empty = build_grid(_snapshot(_cell(1, "research", "lead"))).rows[0].entries[0]
    assert (empty.css_class, empty.label, empty.abbreviation) == ("resp resp-none", "", "")
