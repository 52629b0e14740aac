"""Classification of every field of the safety net (see filet/lib/classification.py)."""

from filet.lib.classification import CONFIDENTIAL, INTERNAL, PERSONAL

AFTER_CLOSURE = "24 months after closure (the Table sets it), then destroyed"
WITH_SITUATION = "destroyed with its situation"
TALLY = "kept: de-identified counts"

_SITUATION = {
    "id": (INTERNAL, AFTER_CLOSURE),
    "code": (CONFIDENTIAL, AFTER_CLOSURE),
    "year": (INTERNAL, AFTER_CLOSURE),
    "number": (INTERNAL, AFTER_CLOSURE),
    "organisation": (CONFIDENTIAL, AFTER_CLOSURE),
    "opened_by": (PERSONAL, AFTER_CLOSURE),
    "age_band": (CONFIDENTIAL, AFTER_CLOSURE),
    "gender": (CONFIDENTIAL, AFTER_CLOSURE),
    "sector": (CONFIDENTIAL, AFTER_CLOSURE),
    "milieu_type": (CONFIDENTIAL, AFTER_CLOSURE),
    "indicators": (CONFIDENTIAL, AFTER_CLOSURE),
    "dpj_report": (CONFIDENTIAL, AFTER_CLOSURE),
    "dpj_reported_in": (CONFIDENTIAL, AFTER_CLOSURE),
    "dpj_reason": (CONFIDENTIAL, AFTER_CLOSURE),
    "summary": (CONFIDENTIAL, AFTER_CLOSURE),
    "status": (CONFIDENTIAL, AFTER_CLOSURE),
    "outcome": (CONFIDENTIAL, AFTER_CLOSURE),
    "closing_reason": (CONFIDENTIAL, AFTER_CLOSURE),
    "lead_organisation": (CONFIDENTIAL, AFTER_CLOSURE),
    "next_review_on": (CONFIDENTIAL, AFTER_CLOSURE),
    "alone_justification": (CONFIDENTIAL, AFTER_CLOSURE),
    "opened_at": (CONFIDENTIAL, AFTER_CLOSURE),
    "updated_at": (INTERNAL, AFTER_CLOSURE),
    "closed_at": (CONFIDENTIAL, AFTER_CLOSURE),
    "version": (INTERNAL, AFTER_CLOSURE),
    "submission": (INTERNAL, AFTER_CLOSURE),
}

FIELDS: dict[str, tuple[str, str]] = {
    **{f"Situation.{name}": value for name, value in _SITUATION.items()},
    "SituationCounter.year": (INTERNAL, "kept: the last number given each year"),
    "SituationCounter.last": (INTERNAL, "kept: the last number given each year"),
    **{
        f"Participant.{name}": (
            PERSONAL if name in ("person", "invited_by") else CONFIDENTIAL,
            WITH_SITUATION,
        )
        for name in (
            "id",
            "situation",
            "organisation",
            "person",
            "status",
            "invited_by",
            "invited_at",
            "responded_at",
            "reason",
            "left_at",
        )
    },  # fmt: skip
    **{
        f"Action.{name}": (
            PERSONAL if name in ("person", "created_by") else CONFIDENTIAL,
            WITH_SITUATION,
        )
        for name in (
            "id",
            "situation",
            "title",
            "organisation",
            "person",
            "due_on",
            "status",
            "created_by",
            "created_at",
            "submission",
        )
    },  # fmt: skip
    **{
        f"Note.{name}": (PERSONAL if name == "author" else CONFIDENTIAL, WITH_SITUATION)
        for name in ("id", "situation", "author", "text", "created_at", "submission")
    },
    **{
        f"Reminder.{name}": (INTERNAL, WITH_SITUATION)
        for name in ("id", "situation", "kind", "subject", "due_on", "level", "sent_at")
    },
    **{
        f"ClosedTally.{name}": (INTERNAL, TALLY)
        for name in ("id", "year", "outcome", "alone", "situations", "actions")
    },
}
