"""Every stored field is classified with a retention, and docs/classification.md says so.

While an app's models lack declarations, its test fails and names each missing field."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from filet.lib.classification import (
    SENSITIVITIES,
    Declaration,
    classified_labels,
    declared,
    expected,
    render,
)

LABELS = classified_labels()
DOC = Path(settings.BASE_DIR) / "docs" / "classification.md"


def unclassified(label: str, declarations: Declaration) -> list[str]:
    return [f"{label}.{name}" for name in expected(label) if name not in declarations]


def unknown(label: str, declarations: Declaration) -> list[str]:
    fields = set(expected(label))
    return [f"{label}.{name}" for name in declarations if name not in fields]


def invalid(label: str, declarations: Declaration) -> list[str]:
    return [
        f"{label}.{name}: {value!r}"
        for name, value in declarations.items()
        if not (
            isinstance(value, tuple)
            and len(value) == 2
            and value[0] in SENSITIVITIES
            and isinstance(value[1], str)
            and value[1].strip()
        )
    ]


@pytest.mark.parametrize("label", LABELS)
def test_every_field_of_every_model_is_classified(label):
    missing = unclassified(label, declared().get(label, {}))
    assert missing == [], "Unclassified fields (declare them in classification.py):\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("label", LABELS)
def test_declarations_name_only_fields_that_exist(label):
    assert unknown(label, declared().get(label, {})) == []


@pytest.mark.parametrize("label", LABELS)
def test_each_declaration_has_a_valid_class_and_a_retention(label):
    assert invalid(label, declared().get(label, {})) == []


def test_the_apps_filet_relies_on_are_declared_too():
    assert {"sessions", "account", "mfa", "axes", "auth"} <= set(LABELS)


def test_the_checks_catch_a_new_field_a_stale_name_and_a_bad_class():
    declarations = dict(declared()["organisations"])
    removed = declarations.pop("Membership.role")
    assert unclassified("organisations", declarations) == ["organisations.Membership.role"]
    declarations["Membership.role"] = removed
    declarations["Membership.nickname"] = ("personal", "as the membership")
    assert unknown("organisations", declarations) == ["organisations.Membership.nickname"]
    declarations["Membership.role"] = ("top secret", " ")
    assert invalid("organisations", declarations) == [
        "organisations.Membership.role: ('top secret', ' ')"
    ]


def test_the_committed_document_is_the_generated_one():
    assert DOC.read_text(encoding="utf-8") == render(), "run manage.py classification"


def test_the_command_check_mode_fails_on_a_stale_document(monkeypatch, tmp_path):
    from filet.dashboard.management.commands import classification

    stale = tmp_path / "classification.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.setattr(classification, "DOC", stale)
    with pytest.raises(CommandError):
        call_command("classification", "--check")
    call_command("classification")
    assert stale.read_text(encoding="utf-8") == render()
    call_command("classification", "--check")
