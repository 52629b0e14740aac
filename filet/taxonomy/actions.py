"""Changes to the taxonomy. Each one writes a new numbered version of the whole list."""

from typing import Any

from django.db import transaction

from filet.accounts.models import User
from filet.audit.actions import record
from filet.taxonomy.models import TaxonomyVersion, Term

EDITABLE = (
    "vocabulary",
    "family",
    "code",
    "label_fr",
    "label_en",
    "definition_fr",
    "definition_en",
    "position",
    "is_active",
)


class StaleEdit(Exception):
    """Someone else saved the term since the form was shown."""


def snapshot_taxonomy(*, by: User | None, change: str) -> TaxonomyVersion:
    """Freeze the whole taxonomy as a new version (the caller holds the transaction)."""
    current = TaxonomyVersion.objects.select_for_update().order_by("-number").first()
    terms = Term.objects.order_by("vocabulary", "family", "position", "pk")
    return TaxonomyVersion.objects.create(
        number=(current.number if current else 0) + 1,
        created_by=by,
        change=change[:300],
        snapshot=[term.as_snapshot() for term in terms],
    )


@transaction.atomic
def save_term(term: Term, *, by: User, expected_version: int, **fields: Any) -> TaxonomyVersion:
    """Create or change a term (retiring is `is_active=False`); never deletes one.

    Raises StaleEdit when the term changed since `expected_version` was read."""
    creating = term.pk is None
    if not creating:
        locked = Term.objects.select_for_update().get(pk=term.pk)
        if locked.version != expected_version:
            raise StaleEdit
        term.version = locked.version + 1
    for name in EDITABLE:
        if name in fields:
            setattr(term, name, fields[name])
    term.save()
    verb = "added" if creating else ("retired" if not term.is_active else "changed")
    version = snapshot_taxonomy(by=by, change=f"{verb}: {term.vocabulary}/{term.code}")
    record(
        by,
        "taxonomy.term_changed",
        term,
        change=verb,
        vocabulary=term.vocabulary,
        code=term.code,
        version=version.number,
    )
    return version
