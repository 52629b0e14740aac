"""The matrix of zones of contribution and collaboration (DOMAIN.md §4): stages of the
continuum × partners → responsibility, its adopted versions, and collaboration agreements."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from filet.lib.language import in_language
from filet.organisations.models import Organisation, OrganisationType


class Responsibility(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTRIBUTES = "contributes", _("Contributes")
    CONSULTED = "consulted", _("Consulted")
    INFORMED = "informed", _("Informed")


# Shown in each cell beside the colour, so a black-and-white print stays readable.
ABBREVIATIONS = {
    Responsibility.LEAD: pgettext_lazy("abbreviation of Lead", "L"),
    Responsibility.CONTRIBUTES: pgettext_lazy("abbreviation of Contributes", "C"),
    Responsibility.CONSULTED: pgettext_lazy("abbreviation of Consulted", "Cs"),
    Responsibility.INFORMED: pgettext_lazy("abbreviation of Informed", "I"),
}


class StageQuerySet(models.QuerySet["Stage"]):
    def active(self) -> "StageQuerySet":
        return self.filter(is_active=True)


class Stage(models.Model):
    """A stage of the continuum: one column of the matrix. Retired, never deleted, so that
    adopted versions keep meaning what they meant."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = StageQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage of the continuum")
        verbose_name_plural = _("stages of the continuum")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("matrix:stage", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en)

    @property
    def definition(self) -> str:
        return in_language(self.definition_fr, self.definition_en)

    def as_snapshot(self) -> dict[str, Any]:
        return {
            "id": self.pk,
            "code": self.code,
            "label_fr": self.label_fr,
            "label_en": self.label_en,
            "definition_fr": self.definition_fr,
            "definition_en": self.definition_en,
            "order": self.order,
            "is_active": self.is_active,
        }


class StageListVersion(models.Model):
    """The whole stage list as it stood after one change."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    created_at = models.DateTimeField(_("changed at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    stages = models.JSONField(_("stages"), default=list)

    class Meta:
        verbose_name = _("version of the stage list")
        verbose_name_plural = _("versions of the stage list")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.number}"


def matrix_organisations() -> models.QuerySet[Organisation]:
    """The rows of the matrix: active partners; the Table's own coordination is not one."""
    return (
        Organisation.objects.active()
        .exclude(type=OrganisationType.COORDINATION)
        .order_by("name_fr")
    )


class CellQuerySet(models.QuerySet["Cell"]):
    def in_matrix(self) -> "CellQuerySet":
        return self.filter(
            stage__is_active=True,
            organisation__is_active=True,
        ).exclude(organisation__type=OrganisationType.COORDINATION)


class Cell(models.Model):
    """One partner's responsibility at one stage, in the working draft the Table adopts."""

    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="cells", verbose_name=_("stage")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="matrix_cells",
        verbose_name=_("partner"),
    )
    responsibility = models.CharField(
        _("responsibility"), max_length=20, choices=Responsibility.choices
    )
    description_fr = models.CharField(_("description (French)"), max_length=300, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=300, blank=True)
    mandate = models.CharField(
        _("mandate"),
        max_length=200,
        blank=True,
        help_text=_("The law, regulation or agreement that grounds it, e.g. “LPJ art. 38”."),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CellQuerySet.as_manager()

    class Meta:
        verbose_name = _("matrix cell")
        verbose_name_plural = _("matrix cells")
        ordering = ["organisation__name_fr", "stage__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "organisation"], name="matrix_cell_one_per_stage_partner"
            ),
            models.CheckConstraint(
                condition=Q(responsibility__in=Responsibility.values),
                name="matrix_cell_responsibility_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.stage} · {self.get_responsibility_display()}"

    @property
    def description(self) -> str:
        return in_language(self.description_fr, self.description_en)


class MatrixVersionQuerySet(models.QuerySet["MatrixVersion"]):
    def latest_adopted(self) -> "MatrixVersion | None":
        return self.order_by("-number").first()


class MatrixVersion(models.Model):
    """The matrix as the Table adopted it: a frozen snapshot, labels included."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(_("note"), blank=True)
    stage_list = models.ForeignKey(
        StageListVersion, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    snapshot = models.JSONField(_("snapshot"), default=dict)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MatrixVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adopted version of the matrix")
        verbose_name_plural = _("adopted versions of the matrix")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1), name="matrix_version_number_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("matrix:version", kwargs={"number": self.number})


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def current(self) -> "AgreementQuerySet":
        today = timezone.localdate()
        return self.filter(starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )


class Agreement(models.Model):
    """A collaboration agreement between two or more partners."""

    title = models.CharField(_("title"), max_length=200)
    protocol = models.CharField(
        _("protocol"), max_length=200, help_text=_("The protocol or framework it implements.")
    )
    scope = models.TextField(_("scope"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    partners = models.ManyToManyField(
        Organisation, related_name="agreements", verbose_name=_("partners")
    )
    stages = models.ManyToManyField(
        Stage, related_name="agreements", blank=True, verbose_name=_("stages")
    )
    contacts = models.TextField(
        _("contact persons"),
        blank=True,
        help_text=_("Names and roles of the staff to contact at each partner."),
    )
    document_reference = models.CharField(
        _("document"),
        max_length=300,
        blank=True,
        help_text=_("Where the signed document is kept: a reference or an address."),
    )
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("collaboration agreement")
        verbose_name_plural = _("collaboration agreements")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matrix:agreement", kwargs={"pk": self.pk})
