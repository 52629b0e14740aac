"""The observatory: de-identified observations by pivots, never a person file (DOMAIN.md §3–4).

An observation says what a pivot saw or learned in their milieu over a month: a sector, a
milieu type, terms of the taxonomy, a number of youths and their age bands. Its raw form is
seen by its own organisation only; the Table sees suppressed aggregates (observatory/stats.py).
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.guard import validate_no_identifiers
from filet.lib.suppression import DEFAULT_K
from filet.taxonomy.models import TaxonomyVersion, Term, Vocabulary

MAX_YOUTHS = 50


class ObservationQuerySet(models.QuerySet["Observation"]):
    def of_organisations(self, ids: set[int]) -> "ObservationQuerySet":
        return self.filter(organisation__in=ids)


class Observation(models.Model):
    """What one pivot saw or learned in their milieu during one month."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("recorded by"),
    )
    month = models.DateField(_("month"), help_text=_("Months, never days."))
    sector = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    milieu = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("milieu type")
    )
    source = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("source")
    )
    confidence = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("confidence")
    )
    youths = models.PositiveSmallIntegerField(
        _("number of youths"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_YOUTHS)],
    )
    terms = models.ManyToManyField(
        Term,
        through="ObservationTerm",
        through_fields=("observation", "term"),
        related_name="observations",
        verbose_name=_("terms"),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=1000,
        validators=[validate_no_identifiers],
        help_text=_("Optional. No name, date of birth, address, phone, handle or photo."),
    )
    taxonomy_version = models.ForeignKey(
        TaxonomyVersion,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("taxonomy version"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # The form's one-time key: a double-click or a retried POST never records twice.
    submission = models.CharField(max_length=36, blank=True, editable=False)
    submission_row = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-month", "-pk"]
        indexes = [
            models.Index(
                fields=["month", "sector", "milieu", "youths"], name="observation_month_idx"
            ),
            models.Index(fields=["organisation", "month"], name="observation_org_month_idx"),
            # The home page's "your last observations": a pivot with hundreds of them.
            models.Index(fields=["author", "-created_at"], name="observation_author_recent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(youths__gte=1) & Q(youths__lte=MAX_YOUTHS),
                name="observation_youths_range",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="observation_month_first_day"),
            models.UniqueConstraint(
                fields=["author", "submission", "submission_row"],
                condition=~Q(submission=""),
                name="observation_submission_once",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Observation %(number)s") % {"number": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("observatory:detail", kwargs={"pk": self.pk})

    def terms_of(self, vocabulary: str) -> list[Term]:
        return [term for term in self.terms.all() if term.vocabulary == vocabulary]

    def as_snapshot(self) -> dict[str, Any]:
        """Everything an edit could change, by code, for the revision history."""
        return {
            "month": self.month.isoformat(),
            "sector": self.sector.code,
            "milieu": self.milieu.code,
            "source": self.source.code,
            "confidence": self.confidence.code,
            "youths": self.youths,
            "terms": sorted(f"{t.vocabulary}/{t.code}" for t in self.terms.all()),
            "note": self.note,
            "taxonomy_version": self.taxonomy_version.number,
        }


class ObservationTerm(models.Model):
    """One term of one observation, with the few facts the trends group by copied in, so
    the dashboard aggregates one indexed table (written only by observatory/actions.py)."""

    # No index of their own: the unique constraint leads with the observation and the
    # trends' index with the term, and terms are never deleted (only retired), so nothing
    # looks rows up by sector or milieu alone. Nine million rows in a province: each
    # index costs.
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", db_index=False)
    month = models.DateField()
    sector = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", db_index=False)
    milieu = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", db_index=False)
    youths = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["observation", "term"], name="observation_term_unique")
        ]
        indexes = [
            models.Index(
                fields=["term", "month", "sector", "milieu", "youths"],
                name="observation_term_trend_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.observation_id}:{self.term_id}"


class ObservationTally(models.Model):
    """Youths and observations of one category (a term, or 0 for every observation) in one
    month, sector and milieu: the trends read these raw counts instead of aggregating
    millions of term rows, then suppress as before. Recounted from the observations, cell by
    cell, by every write of an observation (observatory/tallies.py)."""

    category = models.PositiveIntegerField()  # a term's id, or 0: every observation
    month = models.DateField()
    sector = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", db_index=False)
    milieu = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", db_index=False)
    youths = models.PositiveIntegerField()
    observations = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "month", "sector", "milieu"], name="observation_tally_cell"
            ),
            models.CheckConstraint(
                condition=Q(observations__gte=1), name="observation_tally_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}:{self.month}:{self.sector_id}:{self.milieu_id}"


class ObservationRevision(models.Model):
    """The state of an observation after each save: nothing is lost by editing."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    snapshot = models.JSONField(_("snapshot"), default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("revision of an observation")
        verbose_name_plural = _("revisions of observations")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "number"], name="observation_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.observation_id}.{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("observatory:detail", kwargs={"pk": self.observation_id})


class ObservatorySettings(models.Model):
    """The Table's settings for the observatory: one row."""

    k = models.PositiveSmallIntegerField(
        _("smallest published count (k)"),
        default=DEFAULT_K,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("Counts from 1 to k − 1 are never shown or exported. 5 by default."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # Bumped by every write of an observation: the key of the cached aggregates.
    data_version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("observatory settings")
        verbose_name_plural = _("observatory settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="observatory_settings_single_row"),
            models.CheckConstraint(
                condition=Q(k__gte=3) & Q(k__lte=50), name="observatory_settings_k_range"
            ),
        ]

    def __str__(self) -> str:
        return f"k={self.k}"

    def get_absolute_url(self) -> str:
        return reverse("observatory:settings")

    @classmethod
    def load(cls) -> "ObservatorySettings":
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def data_changed(cls) -> None:
        """Observations changed: cached aggregates are stale (call inside the write)."""
        if not cls.objects.filter(pk=1).update(data_version=models.F("data_version") + 1):
            cls.objects.get_or_create(pk=1, defaults={"data_version": 1})


class ResearchProtocolQuerySet(models.QuerySet["ResearchProtocol"]):
    def in_force(self, on: date | None = None) -> "ResearchProtocolQuerySet":
        """Approved and not expired: the only protocols that open anything."""
        return self.filter(expires_on__gte=on or timezone.localdate())


class ResearchProtocol(models.Model):
    """An approved research protocol: what one researcher may see, and until when."""

    title = models.CharField(_("title"), max_length=200)
    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="research_protocols",
        verbose_name=_("researcher"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="research_protocols",
        verbose_name=_("researcher's organisation"),
    )
    approved_by = models.CharField(
        _("approved by"), max_length=200, help_text=_("The person who approved the protocol.")
    )
    approved_on = models.DateField(_("approval date"))
    vocabularies = models.JSONField(_("categories in scope"), default=list, blank=True)
    terms = models.ManyToManyField(
        Term, blank=True, related_name="+", verbose_name=_("further terms in scope")
    )
    period_start = models.DateField(_("first month"))
    period_end = models.DateField(_("last month"))
    expires_on = models.DateField(_("expiry date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ResearchProtocolQuerySet.as_manager()

    class Meta:
        verbose_name = _("research protocol")
        verbose_name_plural = _("research protocols")
        ordering = ["-expires_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="research_protocol_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("approved_on")),
                name="research_protocol_expires_after_approval",
            ),
            models.CheckConstraint(
                condition=Q(period_start__day=1) & Q(period_end__day=1),
                name="research_protocol_period_in_months",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("observatory:research", kwargs={"pk": self.pk})

    @property
    def is_in_force(self) -> bool:
        return self.expires_on >= timezone.localdate()

    def allows_vocabulary(self, vocabulary: str) -> bool:
        return vocabulary in self.vocabularies or any(
            term.vocabulary == vocabulary for term in self.terms.all()
        )

    def allowed_term_ids(self, vocabulary: str, term_ids: list[int]) -> list[int]:
        if vocabulary in self.vocabularies:
            return term_ids
        chosen = {term.pk for term in self.terms.all()}
        return [pk for pk in term_ids if pk in chosen]


SCALAR_VOCABULARIES = {
    "sector": Vocabulary.SECTOR,
    "milieu": Vocabulary.MILIEU,
    "source": Vocabulary.SOURCE,
    "confidence": Vocabulary.CONFIDENCE,
}
