"""Data classification of the taxonomy app: every field of its models."""

from filet.lib.classification import PERSONAL, PUBLIC, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "Term",
        "permanent (reference data; terms retired, never deleted)",
        id=PUBLIC,
        vocabulary=PUBLIC,
        family=PUBLIC,
        code=PUBLIC,
        label_fr=PUBLIC,
        label_en=PUBLIC,
        definition_fr=PUBLIC,
        definition_en=PUBLIC,
        position=PUBLIC,
        is_active=PUBLIC,
        version=PUBLIC,
    ),
    **fields(
        "TaxonomyVersion",
        "permanent (reference data; terms retired, never deleted)",
        id=PUBLIC,
        number=PUBLIC,
        created_at=PUBLIC,
        created_by=PERSONAL,
        change=PUBLIC,
        snapshot=PUBLIC,
    ),
}
