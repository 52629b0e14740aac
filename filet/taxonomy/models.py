"""The observation taxonomy (DOMAIN.md §4): editable, bilingual, versioned vocabularies.

Terms are never deleted, only retired, and every change leaves a numbered snapshot of the
whole taxonomy; an observation keeps the version it was recorded under, so counts over
time still mean what they meant when the list changes."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.language import in_language


class Vocabulary(models.TextChoices):
    INDICATOR = "indicator", _("Indicators")
    RECRUITMENT = "recruitment", _("Recruitment methods")
    PLACE = "place", _("Places")
    PLATFORM = "platform", _("Online platforms")
    EXPLOITATION = "exploitation", _("Forms of exploitation")
    ACTOR_ROLE = "actor_role", _("Actor roles")
    SOURCE = "source", _("Sources")
    CONFIDENCE = "confidence", _("Confidence levels")
    ACTION = "action", _("Actions taken")
    AGE_BAND = "age_band", _("Age bands")
    MILIEU = "milieu", _("Milieu types")
    SECTOR = "sector", _("Sectors of the region")


# The categories whose counts the trends dashboard breaks down (several per observation).
CATEGORY_VOCABULARIES = (
    Vocabulary.INDICATOR,
    Vocabulary.RECRUITMENT,
    Vocabulary.PLACE,
    Vocabulary.PLATFORM,
    Vocabulary.EXPLOITATION,
    Vocabulary.ACTOR_ROLE,
    Vocabulary.AGE_BAND,
    Vocabulary.ACTION,
)


class Family(models.TextChoices):
    """Families of indicators; other vocabularies have none."""

    BEHAVIOUR = "behaviour", _("Behaviour")
    PHYSICAL = "physical", _("Physical")
    MATERIAL = "material", _("Material")
    SOCIAL = "social", _("Social")
    ONLINE = "online", _("Online")
    VULNERABILITY = "vulnerability", _("Vulnerability context")


class TermQuerySet(models.QuerySet["Term"]):
    def active(self) -> "TermQuerySet":
        return self.filter(is_active=True)

    def of(self, vocabulary: str) -> "TermQuerySet":
        return self.filter(vocabulary=vocabulary)


class Term(models.Model):
    """One entry of a vocabulary. Retired, never deleted."""

    vocabulary = models.CharField(_("vocabulary"), max_length=20, choices=Vocabulary.choices)
    family = models.CharField(_("family"), max_length=20, choices=Family.choices, blank=True)
    code = models.SlugField(_("code"), max_length=60)
    label_fr = models.CharField(_("label (French)"), max_length=150)
    label_en = models.CharField(_("label (English)"), max_length=150)
    definition_fr = models.TextField(_("definition (French)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["vocabulary", "family", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_code_unique"),
            models.CheckConstraint(
                condition=Q(vocabulary__in=Vocabulary.values), name="term_vocabulary_valid"
            ),
            models.CheckConstraint(
                condition=Q(family="") | Q(vocabulary="indicator", family__in=Family.values),
                name="term_family_for_indicators",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:term_edit", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en)

    @property
    def definition(self) -> str:
        return in_language(self.definition_fr, self.definition_en)

    def as_snapshot(self) -> dict[str, Any]:
        fields = ("vocabulary", "family", "code", "label_fr", "label_en")
        return {
            "id": self.pk,
            **{name: getattr(self, name) for name in fields},
            "definition_fr": self.definition_fr,
            "definition_en": self.definition_en,
            "active": self.is_active,
        }


class TaxonomyVersionQuerySet(models.QuerySet["TaxonomyVersion"]):
    def current(self) -> "TaxonomyVersion | None":
        return self.order_by("-number").first()


class TaxonomyVersion(models.Model):
    """The whole taxonomy as it stood after a change, numbered from 1."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    change = models.CharField(_("change"), max_length=300, blank=True)
    snapshot = models.JSONField(_("snapshot"), default=list)

    objects = TaxonomyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("taxonomy version")
        verbose_name_plural = _("taxonomy versions")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1), name="taxonomy_version_number_positive"
            )
        ]

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:version", kwargs={"number": self.number})

    def term_ids(self, *, active: bool | None = None) -> set[int]:
        return {
            entry["id"] for entry in self.snapshot if active is None or entry["active"] == active
        }
