"""The pivots' roles and mandates as the Table adopts them: what changed between two
versions, word by word, in each section and language."""

import difflib
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from filet.pivots.models import MandateRole, MandateVersion

LANGUAGES = (("fr", _("French")), ("en", _("English")))


@dataclass
class Change:
    """A run of words: kept ("equal"), removed ("delete") or added ("insert")."""

    kind: str
    text: str


@dataclass
class SectionDiff:
    role: str
    language: str
    changes: list[Change]
    changed: bool


def diff_words(old: str, new: str) -> list[Change]:
    before, after = old.split(), new.split()
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "delete", "replace") and i2 > i1:
            changes.append(Change("equal" if tag == "equal" else "delete", " ".join(before[i1:i2])))
        if tag in ("insert", "replace") and j2 > j1:
            changes.append(Change("insert", " ".join(after[j1:j2])))
    return changes


def compare(old: MandateVersion, new: MandateVersion) -> list[SectionDiff]:
    return [
        SectionDiff(
            role=str(label),
            language=str(language_label),
            changes=diff_words(old.text(code, language), new.text(code, language)),
            changed=old.text(code, language) != new.text(code, language),
        )
        for code, label in MandateRole.choices
        for language, language_label in LANGUAGES
    ]


def initial_from(version: MandateVersion | None) -> dict[str, Any]:
    """A new version starts from the current one's text."""
    if version is None:
        return {}
    return {
        f"{code}_{language}": version.text(code, language)
        for code in MandateRole.values
        for language, _label in LANGUAGES
    }
