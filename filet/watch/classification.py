"""Data classification of the watch app: every field of its models."""

from filet.lib.classification import INTERNAL, PERSONAL, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "WatchItem",
        "permanent (the Table's watch record)",
        id=INTERNAL,
        kind=INTERNAL,
        title_fr=INTERNAL,
        title_en=INTERNAL,
        summary_fr=INTERNAL,
        summary_en=INTERNAL,
        keywords=INTERNAL,
        source_name=INTERNAL,
        source_url=INTERNAL,
        published_on=INTERNAL,
        author=PERSONAL,
        created_at=INTERNAL,
        updated_at=INTERNAL,
        version=INTERNAL,
        submission=INTERNAL,
        terms=INTERNAL,
    ),
    **fields(
        "Bulletin",
        "permanent",
        id=INTERNAL,
        month=INTERNAL,
        published_at=INTERNAL,
        published_by=PERSONAL,
        highlights=INTERNAL,
    ),
    **fields(
        "BulletinDelivery",
        "may be purged after two years",
        id=INTERNAL,
        bulletin=INTERNAL,
        person=PERSONAL,
        language=INTERNAL,
        sent_at=INTERNAL,
    ),
    **fields(
        "BulletinRead",
        "while the person works with the Table; may be purged after two years",
        id=INTERNAL,
        bulletin=INTERNAL,
        person=PERSONAL,
        first_read_at=INTERNAL,
    ),
    **fields(
        "BulletinSubscription",
        "until the person stops it",
        id=INTERNAL,
        person=PERSONAL,
        created_at=INTERNAL,
    ),
}
