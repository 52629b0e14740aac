from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from filet.lib.guard import validate_no_identifiers
from filet.lib.language import in_language


class IncidentStatus(models.TextChoices):
    RECORDED = "recorded", _("Recorded")
    ASSESSED = "assessed", _("Risk assessed")
    NOTIFIED = "notified", _("Notices given")
    CLOSED = "closed", pgettext_lazy("incident", "Closed")


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


class IncidentQuerySet(models.QuerySet["Incident"]):
    def open(self) -> "IncidentQuerySet":
        return self.exclude(status=IncidentStatus.CLOSED)


class Incident(models.Model):
    """One entry of an organisation's register of confidentiality incidents (Québec,
    Regulation respecting confidentiality incidents, s. 6). Never a youth's identifier:
    every text goes through the identifier guard."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # Numbered per organisation, so that a reference reveals nothing of other registers.
    number = models.PositiveIntegerField(_("number"), editable=False)
    information = models.TextField(
        _("personal information concerned"),
        max_length=2000,
        validators=[validate_no_identifiers],
        help_text=_("Which kinds of information, or why they cannot be known. Never a name."),
    )
    circumstances = models.TextField(
        _("circumstances"), max_length=4000, validators=[validate_no_identifiers]
    )
    occurred_from = models.DateField(_("date or start of the period"))
    occurred_to = models.DateField(_("end of the period"), null=True, blank=True)
    learned_on = models.DateField(_("date the organisation learned of it"))
    persons = models.PositiveIntegerField(_("number of persons concerned"))
    persons_estimated = models.BooleanField(_("the number is an estimate"), default=False)
    sensitivity = models.CharField(
        _("sensitivity of the information"), max_length=10, choices=Level.choices, blank=True
    )
    likelihood = models.CharField(
        _("likelihood of misuse"), max_length=10, choices=Level.choices, blank=True
    )
    consequences = models.TextField(
        _("anticipated consequences"),
        max_length=2000,
        blank=True,
        validators=[validate_no_identifiers],
    )
    serious = models.BooleanField(_("risk of serious injury"), null=True, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    commission_notified_on = models.DateField(
        _("notice to the Commission d'accès à l'information on"), null=True, blank=True
    )
    persons_notified_on = models.DateField(_("notice to the persons on"), null=True, blank=True)
    public_notice = models.TextField(
        _("public notice, and why"),
        max_length=1000,
        blank=True,
        validators=[validate_no_identifiers],
    )
    measures = models.TextField(
        _("measures taken"), max_length=4000, blank=True, validators=[validate_no_identifiers]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.RECORDED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    submission = models.CharField(max_length=32, blank=True, editable=False)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")
        ordering = ["-learned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IncidentStatus.values), name="incident_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(occurred_to__isnull=True)
                | Q(occurred_to__gte=models.F("occurred_from")),
                name="incident_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["organisation", "number"], name="incident_number_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["recorded_by", "submission"],
                condition=~Q(submission=""),
                name="incident_one_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("privacy:incident", kwargs={"pk": self.pk})

    @property
    def reference(self) -> str:
        return f"INC-{self.number:04d}"

    @property
    def notices_due(self) -> bool:
        """A serious risk obliges notices to the Commission and to the persons."""
        return bool(self.serious) and not (self.commission_notified_on and self.persons_notified_on)


class PrivacyNotice(models.Model):
    """An organisation's published privacy notice and its privacy officer's contact, in
    both languages; the row without an organisation is the Table's own."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    officer_name = models.CharField(_("privacy officer"), max_length=150, blank=True)
    officer_title_fr = models.CharField(_("title (French)"), max_length=150, blank=True)
    officer_title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    officer_email = models.EmailField(_("privacy officer's e-mail"), blank=True)
    officer_phone = models.CharField(_("privacy officer's phone"), max_length=30, blank=True)
    notice_fr = models.TextField(_("privacy notice (French)"), max_length=20000, blank=True)
    notice_en = models.TextField(_("privacy notice (English)"), max_length=20000, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        constraints = [
            models.UniqueConstraint(
                Coalesce("organisation", 0), name="privacynotice_one_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation or _("The Table"))

    @property
    def officer_title(self) -> str:
        return in_language(self.officer_title_fr, self.officer_title_en)

    @property
    def notice(self) -> str:
        return in_language(self.notice_fr, self.notice_en)


class RetentionPeriod(models.Model):
    """The period the Table set for one kind of record (a retention rule's kind)."""

    kind = models.CharField(_("kind of record"), max_length=60, unique=True)
    months = models.PositiveIntegerField(_("months"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.CheckConstraint(condition=Q(months__gte=1), name="retention_at_least_a_month")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.months}"


class PurgeRun(models.Model):
    """What one run of `purge_expired` destroyed for one kind of record."""

    kind = models.CharField(_("kind of record"), max_length=60, db_index=True)
    count = models.PositiveIntegerField(_("records destroyed"))
    cutoff = models.DateTimeField(_("cutoff"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("purge run")
        verbose_name_plural = _("purge runs")
        ordering = ["-at", "kind"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}: {self.count}"
