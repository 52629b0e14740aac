"""The watch ("veille"): items the coordinator and pivots post about how the phenomenon
evolves, and the monthly bulletin that gathers them, with who received and read it."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.guard import validate_no_identifiers
from filet.taxonomy.models import in_language


class WatchKind(models.TextChoices):
    NEWS = "news", _("News")
    RESEARCH = "research", _("Research")
    LEGAL = "legal", _("Legal change or decision")
    NEW_PLATFORM = "new_platform", _("New platform or method seen")
    OTHER = "other", _("Other")


class WatchItemQuerySet(models.QuerySet["WatchItem"]):
    def in_month(self, month: date) -> "WatchItemQuerySet":
        return self.filter(published_on__year=month.year, published_on__month=month.month)


class WatchItem(models.Model):
    """Something worth knowing, told in French, English or both; its source is public."""

    kind = models.CharField(_("kind"), max_length=20, choices=WatchKind.choices)
    title_fr = models.CharField(
        _("title (French)"), max_length=200, blank=True, validators=[validate_no_identifiers]
    )
    title_en = models.CharField(
        _("title (English)"), max_length=200, blank=True, validators=[validate_no_identifiers]
    )
    summary_fr = models.TextField(
        _("summary (French)"), max_length=4000, blank=True, validators=[validate_no_identifiers]
    )
    summary_en = models.TextField(
        _("summary (English)"), max_length=4000, blank=True, validators=[validate_no_identifiers]
    )
    terms = models.ManyToManyField(
        "taxonomy.Term", blank=True, related_name="+", verbose_name=_("platforms and methods")
    )
    keywords = models.CharField(
        _("other tags"),
        max_length=200,
        blank=True,
        validators=[validate_no_identifiers],
        help_text=_("Separated by commas."),
    )
    source_name = models.CharField(
        _("source"), max_length=200, validators=[validate_no_identifiers]
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    published_on = models.DateField(_("date"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("posted by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The form's one-time key: a double-click or a retried POST never posts twice.
    submission = models.CharField(max_length=36, blank=True, editable=False)

    objects = WatchItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("watch item")
        verbose_name_plural = _("watch items")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=WatchKind.values), name="watch_item_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(title_fr="") | ~Q(title_en=""), name="watch_item_has_a_title"
            ),
            models.UniqueConstraint(
                fields=["author", "submission"],
                condition=~Q(submission=""),
                name="watch_item_submission_once",
            ),
        ]
        indexes = [models.Index(fields=["published_on"], name="watch_item_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("watch:item", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en) or self.title_en

    @property
    def summary(self) -> str:
        return in_language(self.summary_fr, self.summary_en) or self.summary_en

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.split(",") if word.strip()]


def first_of_month(day: date) -> date:
    return day.replace(day=1)


class Bulletin(models.Model):
    """One month's bulletin, published once. Its trend highlights are frozen at publication
    (already suppressed), so the page and the e-mails never disagree afterwards."""

    month = models.DateField(_("month"), unique=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    highlights = models.JSONField(_("trend highlights"), default=list, blank=True)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-month"]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")

    def get_absolute_url(self) -> str:
        return reverse(
            "watch:bulletin", kwargs={"year": self.month.year, "month": self.month.month}
        )


class BulletinDelivery(models.Model):
    """The bulletin was e-mailed to this person: never twice."""

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("bulletin")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bulletin_deliveries",
        verbose_name=_("person"),
    )
    language = models.CharField(_("language"), max_length=5)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("bulletin delivery")
        verbose_name_plural = _("bulletin deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "person"], name="bulletin_delivery_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} → {self.person}"


class BulletinRead(models.Model):
    """When a person first opened a bulletin's page: the pivots' management report uses it."""

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="reads", verbose_name=_("bulletin")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bulletin_reads",
        verbose_name=_("person"),
    )
    first_read_at = models.DateTimeField(_("first read at"), default=timezone.now)

    class Meta:
        verbose_name = _("bulletin read")
        verbose_name_plural = _("bulletin reads")
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "person"], name="bulletin_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.bulletin} · {self.person}"


class BulletinSubscription(models.Model):
    """Someone who is not a pivot but asked for the bulletin by e-mail."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bulletin_subscription",
        verbose_name=_("person"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bulletin subscription")
        verbose_name_plural = _("bulletin subscriptions")

    def __str__(self) -> str:
        return str(self.person)
