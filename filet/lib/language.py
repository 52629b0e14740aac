"""Picking the text of a bilingual field."""

from django.utils.translation import get_language


def in_language(french: str, english: str) -> str:
    """The English text when English is active and the text exists; French otherwise."""
    if (get_language() or "").startswith("en") and english:
        return english
    return french
