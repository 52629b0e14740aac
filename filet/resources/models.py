"""The resource library: guides, tools, awareness kits, campaign material and the Table's
practice guide, each file in one language and linked to its translation; and the FAQ that
published consultations feed. Files live in private storage under generated names."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.accounts.models import Language, User
from filet.directory.text import fold
from filet.lib.guard import validate_no_identifiers
from filet.taxonomy.models import in_language


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TOOL = "tool", _("Tool")
    AWARENESS_KIT = "awareness_kit", _("Awareness kit")
    CAMPAIGN = "campaign", _("Campaign material")
    PRACTICE_GUIDE = "practice_guide", _("The Table's practice guide")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    YOUTHS = "youths", _("Youths")
    PARENTS = "parents", _("Parents")
    PROFESSIONALS = "professionals", _("Staff and professionals")


class Visibility(models.TextChoices):
    TABLE = "table", _("Every member of the Table")
    ORGANISATION = "organisation", _("The uploading organisation only")


class ResourceQuerySet(models.QuerySet["Resource"]):
    def available(self) -> "ResourceQuerySet":
        return self.filter(withdrawn_at__isnull=True)

    def visible_to(self, user: User) -> "ResourceQuerySet":
        """Table-wide resources, and those restricted to one of the person's organisations."""
        return self.available().filter(
            Q(visibility=Visibility.TABLE) | Q(organisation__in=user.organisation_ids())
        )


class Resource(models.Model):
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_identifiers])
    description = models.TextField(
        _("description"), max_length=3000, blank=True, validators=[validate_no_identifiers]
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    stage = models.ForeignKey(
        "matrix.Stage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stage of the continuum"),
    )
    keywords = models.CharField(
        _("tags"),
        max_length=200,
        blank=True,
        validators=[validate_no_identifiers],
        help_text=_("Separated by commas."),
    )
    visibility = models.CharField(
        _("who sees it"), max_length=20, choices=Visibility.choices, default=Visibility.TABLE
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="resources",
        verbose_name=_("organisation"),
    )
    translation_of = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translation",
        verbose_name=_("translation of"),
    )
    file_name = models.CharField(_("file name"), max_length=120)
    stored_name = models.CharField(max_length=60, unique=True, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size"), editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The form's one-time key: a double-click or a retried POST never uploads twice.
    submission = models.CharField(max_length=36, blank=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="resource_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="resource_audience_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="resource_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="resource_language_valid"
            ),
            models.UniqueConstraint(
                fields=["uploaded_by", "submission"],
                condition=~Q(submission=""),
                name="resource_submission_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"pk": self.pk})

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join((self.title, self.description, self.keywords)))

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


class FaqEntryQuerySet(models.QuerySet["FaqEntry"]):
    def published(self) -> "FaqEntryQuerySet":
        return self.filter(is_published=True)


class FaqEntry(models.Model):
    """A question and its answer, in French and English, shown in the library once
    published. The coordinator edits them; published consultations will add some."""

    question_fr = models.CharField(
        _("question (French)"), max_length=300, validators=[validate_no_identifiers]
    )
    answer_fr = models.TextField(
        _("answer (French)"), max_length=4000, validators=[validate_no_identifiers]
    )
    question_en = models.CharField(
        _("question (English)"), max_length=300, blank=True, validators=[validate_no_identifiers]
    )
    answer_en = models.TextField(
        _("answer (English)"), max_length=4000, blank=True, validators=[validate_no_identifiers]
    )
    is_published = models.BooleanField(_("published"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FaqEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("resources:library") + f"#faq-{self.pk}"

    @property
    def question(self) -> str:
        return in_language(self.question_fr, self.question_en)

    @property
    def answer(self) -> str:
        return in_language(self.answer_fr, self.answer_en)

    def refresh_search_text(self) -> None:
        parts = (self.question_fr, self.answer_fr, self.question_en, self.answer_en)
        self.search_text = fold(" ".join(parts))
