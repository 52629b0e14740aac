"""Operations: the e-mail outbox, the worker's periodic job slots and its heartbeat."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxQuerySet(models.QuerySet["OutboxMessage"]):
    def due(self, now: object) -> "OutboxQuerySet":
        return self.filter(status=OutboxStatus.PENDING, due_at__lte=now)


class OutboxMessage(models.Model):
    """One e-mail, stored in the transaction of the action that wrote it; the worker sends
    it later, retrying with backoff, and never twice."""

    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    from_email = models.CharField(_("sender"), max_length=254)
    to = models.JSONField(_("recipients"), default=list)
    cc = models.JSONField(_("copy"), default=list)
    bcc = models.JSONField(_("blind copy"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    # [[content, mimetype], ...]
    alternatives = models.JSONField(_("alternatives"), default=list)
    # [{"filename": ..., "content": base64, "mimetype": ...}, ...]
    attachments = models.JSONField(_("attachments"), default=list)
    headers = models.JSONField(_("headers"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    due_at = models.DateTimeField(_("next attempt"), db_index=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "due_at"], name="ops_outbox_due")]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.status})"


class JobRun(models.Model):
    """A periodic job's slot (its name and period, e.g. the day): claimed by exactly one
    worker thanks to the unique constraint, so two workers never run the same slot."""

    job = models.CharField(_("job"), max_length=60)
    slot = models.CharField(_("slot"), max_length=30)
    worker = models.CharField(_("worker"), max_length=100)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    ok = models.BooleanField(_("succeeded"), null=True)
    output = models.CharField(_("output"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="ops_job_slot_once")]

    def __str__(self) -> str:
        return f"{self.job} {self.slot}"


class Heartbeat(models.Model):
    """Each worker's last sign of life, for the health endpoint."""

    worker = models.CharField(_("worker"), max_length=100, unique=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker
