"""Data classification of the calendars app: every field of its models."""

from filet.lib.classification import INTERNAL, PERSONAL, SECRET, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "FeedToken",
        "until revoked or replaced; revoked rows kept as history",
        id=INTERNAL,
        user=PERSONAL,
        digest=SECRET,
        created_at=INTERNAL,
        revoked_at=INTERNAL,
    ),
}
