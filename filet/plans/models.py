"""The Table's action plan (objective 3 of the seed): plans over a period, objectives,
actions with their responsible organisations and partners, indicators and progress notes.
Progress rolls up from actions to objectives and the plan, weighted per action."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.guard import validate_no_identifiers
from filet.lib.language import in_language
from filet.organisations.models import Organisation


def weighted_progress(pairs: list[tuple[int, int]]) -> Decimal:
    """Σ(weight × percent) / Σ weight, to one decimal, half up; 0 when there is nothing."""
    total = sum(weight for weight, _percent in pairs)
    if not total:
        return Decimal("0.0")
    value = Decimal(sum(weight * percent for weight, percent in pairs)) / Decimal(total)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    CLOSED = "closed", _("Closed")


class Plan(models.Model):
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_by = models.ForeignKey(
        "meetings.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_plans",
        verbose_name=_("adopted by resolution"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="plan_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PlanStatus.values), name="plan_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.ADOPTED) | Q(adopted_by__isnull=False),
                name="plan_adopted_by_resolution",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en)


class Objective(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveIntegerField(_("number"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="objective_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)
STATUS_LABELS = dict(ActionStatus.choices)


class ActionQuerySet(models.QuerySet["Action"]):
    def late(self, on: date | None = None) -> "ActionQuerySet":
        day = on or timezone.localdate()
        return self.filter(due_on__lt=day).exclude(status__in=CLOSED_STATUSES)

    def owed_by(self, organisation_id: int) -> "ActionQuerySet":
        return self.filter(
            Q(responsible__id=organisation_id) | Q(partners__id=organisation_id)
        ).distinct()

    def counted(self) -> "ActionQuerySet":
        """Actions that count in the roll-up: a cancelled action weighs nothing."""
        return self.exclude(status=ActionStatus.CANCELLED)

    def with_organisations(self) -> "ActionQuerySet":
        """Each action's organisations as lists, `responsible_list` and `partner_list`, with
        their names and acronyms only, for the plan's tables and export. Lists rather than
        prefetched managers: Django builds a manager per action and relation for those, which
        cost more than reading the rows."""
        names = Organisation.objects.only("name_fr", "name_en", "acronym")
        return self.prefetch_related(
            Prefetch("responsible", queryset=names, to_attr="responsible_list"),
            Prefetch("partners", queryset=names, to_attr="partner_list"),
        )


class Action(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="actions")
    code = models.CharField(_("code"), max_length=20)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    responsible = models.ManyToManyField(
        Organisation, related_name="plan_actions", verbose_name=_("responsible organisations")
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_actions", blank=True, verbose_name=_("partners")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    resolution = models.ForeignKey(
        "meetings.Resolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("created by resolution"),
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The form's one-time key: a double-click or a retried POST finds the first row.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ActionQuerySet.as_manager()
    # Set by ActionQuerySet.with_organisations().
    responsible_list: list[Organisation]
    partner_list: list[Organisation]

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["objective__position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "code"], name="action_unique_code"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_percent"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="action_weight_positive"),
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(due_on__gte=F("starts_on")),
                name="action_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("plans:action", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return in_language(self.title_fr, self.title_en)

    @property
    def status_label(self) -> str:
        """get_status_display() as a plain lookup (see Organisation.type_label)."""
        return str(STATUS_LABELS.get(self.status, self.status))

    def is_late(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.due_on < day and self.status not in CLOSED_STATUSES


class Indicator(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    name_fr = models.CharField(_("indicator (French)"), max_length=200)
    name_en = models.CharField(_("indicator (English)"), max_length=200, blank=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"], name="measurement_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ProgressNote(models.Model):
    """What a responsible organisation reports on an action, with the state it left."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), blank=True, validators=[validate_no_identifiers])
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action.code} {self.created_at:%Y-%m}"
