"""Data classification of the organisations app: every field of its models."""

from filet.lib.classification import INTERNAL, PERSONAL, PUBLIC, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "Organisation",
        "permanent (reference data); deactivated, never deleted",
        id=PUBLIC,
        name_fr=PUBLIC,
        name_en=PUBLIC,
        acronym=PUBLIC,
        type=PUBLIC,
        is_active=INTERNAL,
        created_at=INTERNAL,
    ),
    **fields(
        "Membership",
        "kept as the history of roles (ended, never deleted)",
        id=INTERNAL,
        user=PERSONAL,
        organisation=INTERNAL,
        role=INTERNAL,
        started_at=INTERNAL,
        ended_at=INTERNAL,
        granted_by=PERSONAL,
    ),
}
