"""Consultations (issue 5, item 2): a worker asks a pivot a question about a situation
without naming anyone. Who saw a consultation is derived from its routings: the requester,
every person it was routed to, and the representatives of their organisations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.lib.guard import validate_no_identifiers
from filet.matrix.models import Stage
from filet.organisations.models import Organisation
from filet.organisations.roles import Role
from filet.pivots.models import Designation
from filet.resources.models import FaqEntry
from filet.taxonomy.models import Term, Vocabulary

TEXT_MAX = 4000
# The taxonomy vocabularies a consultation's topic is picked from.
TOPIC_VOCABULARIES = (
    Vocabulary.INDICATOR,
    Vocabulary.RECRUITMENT,
    Vocabulary.EXPLOITATION,
    Vocabulary.PLATFORM,
    Vocabulary.PLACE,
)


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent: an answer the same day")
    NORMAL = "normal", _("Normal: an answer within two working days")


class Status(models.TextChoices):
    NEW = "new", pgettext_lazy("consultation", "Waiting for the pivot")
    ACCEPTED = "accepted", pgettext_lazy("consultation", "Accepted by the pivot")
    NEEDS_INFO = "needs_info", pgettext_lazy("consultation", "The pivot asked for details")
    ESCALATED = "escalated", pgettext_lazy("consultation", "Escalated")
    ANSWERED = "answered", pgettext_lazy("consultation", "Answered")
    CLOSED = "closed", pgettext_lazy("consultation", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("consultation", "Withdrawn")


OPEN_STATUSES = (Status.NEW, Status.ACCEPTED, Status.NEEDS_INFO, Status.ESCALATED)
# Waiting on the person it is routed to: these go overdue.
AWAITING_HANDLER = (Status.NEW, Status.ACCEPTED)
ENDED_STATUSES = (Status.CLOSED, Status.WITHDRAWN)


class Rating(models.TextChoices):
    USEFUL = "useful", _("Useful")
    PARTLY = "partly", _("Partly useful")
    NOT_USEFUL = "not_useful", _("Not useful")


class RoutingKind(models.TextChoices):
    CHOSEN = "chosen", _("Pivot chosen by the requester")
    AUTOMATIC = "automatic", _("Routed by territory, stage and language")
    REDIRECTED = "redirected", _("Redirected to another pivot")
    BACKUP = "backup", _("Overdue: routed to the backup pivot")
    TO_REPRESENTATIVE = "to_representative", _("Escalated to the representative")
    TO_COORDINATOR = "to_coordinator", _("Escalated to the coordinator")
    OVERDUE_REPRESENTATIVE = "overdue_representative", _("Overdue: sent to the representative")


ESCALATIONS = (
    RoutingKind.TO_REPRESENTATIVE,
    RoutingKind.TO_COORDINATOR,
    RoutingKind.OVERDUE_REPRESENTATIVE,
)


class MessageKind(models.TextChoices):
    ASK_BACK = "ask_back", _("Question from the pivot")
    REPLY = "reply", _("Details from the requester")
    ANSWER = "answer", _("Answer")


class Step(models.TextChoices):
    REMINDER = "reminder", _("Reminder to the pivot")
    BACKUP = "backup", _("Routed to the backup pivot")
    REPRESENTATIVE = "representative", _("Sent to the representative")


class NotificationKind(models.TextChoices):
    RECEIVED = "received", _("A consultation was routed to you")
    ASKED_BACK = "asked_back", _("The pivot asks for details")
    REPLIED = "replied", _("The requester added details")
    ANSWERED = "answered", _("Your consultation was answered")
    OVERDUE = "overdue", _("A consultation is overdue")
    ESCALATED = "escalated", _("A consultation was escalated to you")
    MOVED = "moved", _("A consultation was routed elsewhere")


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def visible_to(self, user: User) -> "ConsultationQuerySet":
        """Need to know: the requester, whoever it was routed to, and the representatives
        of those people's organisations."""
        if not user.is_authenticated:
            return self.none()
        routed = Routing.objects.filter(consultation=OuterRef("pk"))
        to_user = Exists(routed.filter(to_user=user))
        represented = user.organisation_ids(Role.REPRESENTATIVE)
        to_organisation = Exists(routed.filter(organisation__in=represented))
        if represented:
            return self.filter(Q(requester=user) | to_user | to_organisation)
        return self.filter(Q(requester=user) | to_user)

    def open(self) -> "ConsultationQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, moment: object = None) -> "ConsultationQuerySet":
        return self.filter(status__in=AWAITING_HANDLER, due_at__lt=moment or timezone.now())


class Consultation(models.Model):
    """One question from a worker to a pivot, never about a named person."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations_asked",
        verbose_name=_("requester"),
    )
    requester_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="consultations_assigned",
        verbose_name=_("handled by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("handling organisation"),
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="+", verbose_name=_("territory")
    )
    stage = models.ForeignKey(
        Stage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage of the continuum"),
    )
    topic = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    language = models.CharField(_("language"), max_length=5, default="fr")
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    question = models.TextField(
        _("question"), max_length=TEXT_MAX, validators=[validate_no_identifiers]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    due_at = models.DateTimeField(_("answer expected by"))
    # A new round (redirect, details received) restarts the overdue chain.
    round = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(
        _("comment"), max_length=1000, blank=True, validators=[validate_no_identifiers]
    )
    rated_at = models.DateTimeField(null=True, blank=True)
    faq_proposed_at = models.DateTimeField(null=True, blank=True)
    faq_entry = models.OneToOneField(
        FaqEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation",
    )
    submission = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="consultation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="consultation_urgency_valid"
            ),
            models.CheckConstraint(
                condition=Q(rating="") | Q(rating__in=Rating.values),
                name="consultation_rating_valid",
            ),
            models.UniqueConstraint(
                fields=["requester", "submission"], name="consultation_one_per_submission"
            ),
        ]
        indexes = [
            models.Index(fields=["assignee", "status"], name="consultation_assignee"),
            models.Index(fields=["status", "due_at"], name="consultation_due"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"C-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, moment: object = None) -> bool:
        now = moment or timezone.now()
        return self.status in AWAITING_HANDLER and self.due_at < now  # type: ignore[operator]


class Routing(models.Model):
    """Each person a consultation was sent to, in order: who sees it follows from here."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="routings"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=RoutingKind.choices)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    designation = models.ForeignKey(
        Designation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(
        _("reason"), max_length=1000, blank=True, validators=[validate_no_identifiers]
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    submission = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RoutingKind.values), name="routing_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "created_at"], name="routing_org")]

    def __str__(self) -> str:
        return f"{self.consultation} → {self.to_user}"


class Message(models.Model):
    """One turn of the thread after the question: asking back, details, the answer."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("message"), max_length=TEXT_MAX, validators=[validate_no_identifiers])
    created_at = models.DateTimeField(default=timezone.now)
    submission = models.UUIDField(unique=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MessageKind.values), name="consultation_message_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} · {self.get_kind_display()}"


class Reminder(models.Model):
    """One step of the overdue chain, taken once per round of a consultation."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="reminders"
    )
    round = models.PositiveSmallIntegerField()
    step = models.CharField(max_length=16, choices=Step.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("overdue step")
        verbose_name_plural = _("overdue steps")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "round", "step"], name="consultation_step_once"
            ),
            models.CheckConstraint(
                condition=Q(step__in=Step.values), name="consultation_step_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} · {self.step}"


class Notification(models.Model):
    """An in-app notice: a kind and a link, never the text of the consultation."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_notices"
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="consultation_notice_unread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="consultation_notice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.kind}"


class Tally(models.Model):
    """What a purge leaves: counts per closing month, organisation, urgency and outcome."""

    month = models.DateField()
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    outcome = models.CharField(max_length=12, choices=Status.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("purged consultations tally")
        verbose_name_plural = _("purged consultations tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "organisation", "urgency", "outcome"],
                name="consultation_tally_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} · {self.outcome} · {self.count}"
