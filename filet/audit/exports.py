"""Rows and translated headers of the audit log export."""

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from filet.audit.models import AuditEntry


def audit_headers() -> list[str]:
    return [
        _("Number"),
        _("When (UTC)"),
        _("Who"),
        _("Event code"),
        _("Event"),
        _("Outcome"),
        _("Record type"),
        _("Record"),
        _("Organisation"),
        _("From"),
    ]


def audit_rows(entries: Iterable[AuditEntry]) -> Iterator[list[object]]:
    for e in entries:
        yield [
            e.seq, e.at.isoformat(timespec="seconds"), e.actor.email if e.actor else "",
            e.action, e.action_label, e.get_outcome_display(), e.target_type, e.target_id,
            str(e.organisation) if e.organisation else "", e.ip or "",
        ]  # fmt: skip
