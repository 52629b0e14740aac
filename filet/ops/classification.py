"""Data classification of the ops app: the e-mail outbox, job slots, worker heartbeats."""

from filet.lib.classification import INTERNAL, PERSONAL, Declaration, fields

FIELDS: Declaration = {
    **fields(
        "OutboxMessage",
        "until sent, then OUTBOX_KEEP_DAYS (30 days) and deleted by the worker; failed ones "
        "until the operator requeues or deletes them",
        id=INTERNAL,
        message_id=INTERNAL,
        from_email=INTERNAL,
        to=PERSONAL,
        cc=PERSONAL,
        bcc=PERSONAL,
        reply_to=PERSONAL,
        subject=PERSONAL,
        body=PERSONAL,
        alternatives=PERSONAL,
        attachments=PERSONAL,
        headers=INTERNAL,
        status=INTERNAL,
        attempts=INTERNAL,
        last_error=INTERNAL,
        created_at=INTERNAL,
        due_at=INTERNAL,
        claimed_at=INTERNAL,
        claimed_by=INTERNAL,
        sent_at=INTERNAL,
    ),
    **fields(
        "JobRun",
        "one year, then deleted by the worker (no personal information)",
        id=INTERNAL,
        job=INTERNAL,
        slot=INTERNAL,
        worker=INTERNAL,
        started_at=INTERNAL,
        finished_at=INTERNAL,
        ok=INTERNAL,
        output=INTERNAL,
    ),
    **fields(
        "Heartbeat",
        "one row per worker name, overwritten at each pass",
        id=INTERNAL,
        worker=INTERNAL,
        seen_at=INTERNAL,
    ),
}
