"""Writing and verifying the audit log."""

import re
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from filet.audit.events import EVENTS
from filet.audit.models import GENESIS, AuditEntry, AuditLink, ChainHead, Outcome
from filet.lib.http import client_ip

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(value: Any) -> Any:
    # Control characters (newlines above all) could forge lines in any text rendering.
    if isinstance(value, str):
        return _CONTROL.sub(" ", value)[:500]
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


@transaction.atomic
def record(
    actor: Any,
    action: str,
    target: models.Model | None = None,
    *,
    organisation: Any = None,
    request: HttpRequest | None = None,
    outcome: str = Outcome.SUCCESS,
    **data: Any,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction.

    The head row is locked so that concurrent writers queue up and the chain stays linear;
    the entry's number, time, link and hash are set under the lock, the rest before it.
    `data` holds identifiers and labels only: never narratives, never secrets.
    """
    if action not in EVENTS:
        raise ValueError(f"Unknown audit event {action!r}")
    entry = AuditEntry(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        organisation=organisation,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip=client_ip(request) if request is not None else None,
        outcome=outcome,
        data=_clean(data),
    )
    # Ready before the lock (the actor's memberships may need a query): every writer waits.
    organisation_ids = _linked_organisations(actor, organisation)
    head = ChainHead.objects.select_for_update().get_or_create(pk=1)[0]
    entry.seq, entry.at, entry.prev_hash = head.seq + 1, timezone.now(), head.entry_hash
    entry.entry_hash = entry.compute_hash()
    entry.save(force_insert=True)
    AuditLink.objects.bulk_create(
        AuditLink(entry=entry, organisation_id=pk) for pk in organisation_ids
    )
    head.seq, head.entry_hash = entry.seq, entry.entry_hash
    head.save(update_fields=["seq", "entry_hash"])
    return entry


def _linked_organisations(actor: Any, organisation: Any) -> set[int]:
    ids = set(actor.organisation_ids()) if getattr(actor, "is_authenticated", False) else set()
    if organisation is not None:
        ids.add(organisation.pk)
    return ids


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    reason: str = ""


def verify_chain() -> Verdict:
    """Walk the whole chain in order; stop at the first entry that does not link or hash."""
    expected_seq, last_hash, checked = 1, GENESIS, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        problem = _check_link(entry, expected_seq, last_hash)
        if problem:
            return Verdict(False, checked, expected_seq - 1, last_hash, entry.seq, problem)
        expected_seq, last_hash, checked = entry.seq + 1, entry.entry_hash, checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.entry_hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (expected_seq - 1, last_hash):
        return Verdict(False, checked, expected_seq - 1, last_hash, expected_seq, "tail removed")
    return Verdict(True, checked, head_seq, head_hash)


def _check_link(entry: AuditEntry, expected_seq: int, last_hash: str) -> str:
    if entry.seq != expected_seq:
        return "missing entry"
    if entry.prev_hash != last_hash:
        return "broken link"
    if entry.compute_hash() != entry.entry_hash:
        return "content altered"
    return ""
