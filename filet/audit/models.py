import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from filet.audit.events import EVENTS

GENESIS = "0" * 64


class Outcome(models.TextChoices):
    SUCCESS = "success", _("success")
    FAILURE = "failure", _("failure")
    DENIED = "denied", _("denied")


OUTCOME_LABELS = dict(Outcome.choices)


class AuditEntry(models.Model):
    """One link of the append-only, hash-chained audit log.

    `entry_hash` = sha256(previous entry's hash + canonical content). Any change, removal or
    reordering breaks the chain from that entry on; `audit_verify` names the first break.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=60, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["organisation", "-seq"], name="audit_org_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    @property
    def action_label(self) -> str:
        return str(EVENTS.get(self.action, self.action))

    @property
    def outcome_label(self) -> str:
        """get_outcome_display() as a plain lookup: Django's hashes every translated choice
        at each call, and the log shows 50 entries per page."""
        return str(OUTCOME_LABELS.get(self.outcome, self.outcome))

    def canonical(self) -> str:
        content: dict[str, Any] = {
            "seq": self.seq,
            "at": self.at.isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "action": self.action,
            "organisation": self.organisation_id,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "ip": self.ip,
            "outcome": self.outcome,
            "data": self.data,
        }
        return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    def compute_hash(self) -> str:
        return hashlib.sha256((self.prev_hash + self.canonical()).encode()).hexdigest()


class ChainHead(models.Model):
    """A single row holding the last link: locked by each writer, so entries stay in one
    line under concurrency, and compared by the verifier, so a removed tail shows."""

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit chain head")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="chainhead_singleton")]

    def __str__(self) -> str:
        return f"{self.seq}:{self.entry_hash}"


class AuditLinkQuerySet(models.QuerySet["AuditLink"]):
    def bulk_create(  # type: ignore[override]
        self, objs: Iterable["AuditLink"], *args: Any, **kwargs: Any
    ) -> list["AuditLink"]:
        """Copies each entry's number into its links, whoever writes them (the situations'
        extra links, the bench), so that the copy cannot be forgotten."""
        links = list(objs)
        for link in links:
            link.seq = link.entry.seq
        return super().bulk_create(links, *args, **kwargs)  # type: ignore[arg-type,return-value]


class AuditLink(models.Model):
    """Which organisations an entry concerns: the one it is about and those its actor
    belonged to when it was written. An index for the privacy officers' view, outside the
    hash chain (the chain proves the entries; this only finds them). `seq` repeats the
    entry's number so that an organisation's newest entries are read from one index."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, related_name="links")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    seq = models.PositiveBigIntegerField()

    objects = AuditLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit link")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "entry"], name="auditlink_unique")
        ]
        indexes = [models.Index(fields=["organisation", "-seq"], name="auditlink_org_seq")]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.entry_id}"
