"""Data classification of the audit app: every field of its models."""

from filet.lib.classification import INTERNAL, PERSONAL, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "AuditEntry",
        "append-only; retention schedule of the privacy officer's tools (issue 9)",
        id=INTERNAL,
        seq=INTERNAL,
        at=INTERNAL,
        actor=PERSONAL,
        action=INTERNAL,
        organisation=INTERNAL,
        target_type=INTERNAL,
        target_id=INTERNAL,
        ip=PERSONAL,
        outcome=INTERNAL,
        data=INTERNAL,
        prev_hash=INTERNAL,
        entry_hash=INTERNAL,
    ),
    **fields(
        "ChainHead",
        "append-only; retention schedule of the privacy officer's tools (issue 9)",
        id=INTERNAL,
        seq=INTERNAL,
        entry_hash=INTERNAL,
    ),
    **fields(
        "AuditLink",
        "append-only; retention schedule of the privacy officer's tools (issue 9)",
        id=INTERNAL,
        entry=INTERNAL,
        organisation=INTERNAL,
        seq=INTERNAL,
    ),
}
