"""Training content the Table writes and spreads (its second objective): modules and their
versions, sessions with a waiting list, completions per version, and the modules each role
must complete."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from filet.organisations.roles import Role


def _bilingual(french: str, english: str) -> str:
    return english if get_language() == "en" and english else french


class Module(models.Model):
    """A training module, in French and English. Its content lives in its versions."""

    title_fr = models.CharField(_("title (French)"), max_length=200, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    audience_fr = models.CharField(_("audience (French)"), max_length=300, blank=True)
    audience_en = models.CharField(_("audience (English)"), max_length=300, blank=True)
    objectives_fr = models.TextField(_("objectives (French)"), blank=True)
    objectives_en = models.TextField(_("objectives (English)"), blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=180)
    is_active = models.BooleanField(_("offered"), default=True)
    # Edit counter: a second editor working from an older form is told, not overwritten.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["title_fr"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1), name="module_duration_positive"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:module", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return _bilingual(self.title_fr, self.title_en)

    @property
    def description(self) -> str:
        return _bilingual(self.description_fr, self.description_en)

    @property
    def audience(self) -> str:
        return _bilingual(self.audience_fr, self.audience_en)

    @property
    def objectives(self) -> str:
        return _bilingual(self.objectives_fr, self.objectives_en)


class ModuleVersionQuerySet(models.QuerySet["ModuleVersion"]):
    def latest_per_module(self) -> "ModuleVersionQuerySet":
        """The newest version of each module, in one query."""
        newest = ModuleVersion.objects.filter(module=models.OuterRef("module")).order_by("-number")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))


class ModuleVersion(models.Model):
    """One edition of a module's content. Completions refer to a version, so a new version
    makes everybody who completed an older one "not current"."""

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="versions", verbose_name=_("module")
    )
    number = models.PositiveIntegerField(_("version"))
    materials = models.TextField(
        _("materials"),
        blank=True,
        help_text=_("One reference or link per line (document, slides, video)."),
    )
    change_note = models.TextField(_("what changed"), blank=True)
    review_by = models.DateField(_("review by"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ModuleVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("module version")
        verbose_name_plural = _("module versions")
        ordering = ["module", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="module_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.module} · v{self.number}"

    def get_absolute_url(self) -> str:
        return self.module.get_absolute_url() + f"#version-{self.number}"

    @property
    def is_past_review(self) -> bool:
        return self.review_by < timezone.localdate()

    @property
    def material_lines(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class Requirement(models.Model):
    """The coordinator's rule: everyone holding `role` must complete `module`."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("module")
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("required module")
        verbose_name_plural = _("required modules")
        ordering = ["role", "module__title_fr"]
        constraints = [
            models.UniqueConstraint(fields=["role", "module"], name="requirement_unique"),
            models.CheckConstraint(
                condition=Q(role__in=Role.values), name="requirement_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} → {self.module}"

    def get_absolute_url(self) -> str:
        return reverse("training:requirements")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class SessionQuerySet(models.QuerySet["Session"]):
    def upcoming(self) -> "SessionQuerySet":
        return self.filter(ends_at__gte=timezone.now(), cancelled_at__isnull=True)


class Session(models.Model):
    """One delivery of a module version, with a capacity and a waiting list."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        ModuleVersion, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("version")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("format"), max_length=10, choices=Mode.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="sessions_given", verbose_name=_("trainers")
    )
    # Raised on every change that calendar apps must pick up (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            models.CheckConstraint(condition=Q(mode__in=Mode.values), name="session_mode_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.version.module} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("training:session", kwargs={"pk": self.pk})

    @property
    def module(self) -> Module:
        return self.version.module

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def location(self) -> str:
        return self.place if self.mode == Mode.IN_PERSON else self.video_link


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not taken")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class Registration(models.Model):
    """A person's seat (or place in line) for a session. Cancelled rows stay as history."""

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "registered_at", "pk"]
        constraints = [
            # One live registration per person and session: a double click finds it.
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~Q(status="cancelled"),
                name="registration_one_live_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values), name="registration_attendance_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.session}"

    def get_absolute_url(self) -> str:
        return self.session.get_absolute_url()


class CompletionMethod(models.TextChoices):
    ATTENDANCE = "attendance", _("Attended a session")
    DECLARATION = "declaration", _("Self-declaration")


class CompletionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    APPROVED = "approved", _("Completed")
    REJECTED = "rejected", _("Not accepted")


class Completion(models.Model):
    """A person completed one version of a module: by attending, or by a declaration with
    evidence that their representative or the coordinator reviews."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_completions",
        verbose_name=_("person"),
    )
    version = models.ForeignKey(
        ModuleVersion,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("version"),
    )
    method = models.CharField(_("how"), max_length=12, choices=CompletionMethod.choices)
    status = models.CharField(_("status"), max_length=10, choices=CompletionStatus.choices)
    completed_on = models.DateField(_("completed on"))
    evidence = models.TextField(_("evidence"), blank=True)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="completions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"],
                condition=~Q(status="rejected"),
                name="completion_one_live_per_version",
            ),
            models.CheckConstraint(
                condition=Q(method__in=CompletionMethod.values), name="completion_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CompletionStatus.values), name="completion_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"

    def get_absolute_url(self) -> str:
        return self.version.get_absolute_url()


class ReminderLog(models.Model):
    """When a person was last reminded of the required modules they lack (idempotence)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    modules = models.JSONField(default=list)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["user", "sent_at"], name="training_reminder_user_sent")]

    def __str__(self) -> str:
        return f"{self.user} · {self.sent_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("training:coverage")
