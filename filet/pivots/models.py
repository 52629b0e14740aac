"""Pivot workers (issue 4): who each organisation designates, where and for what, when they
can be reached, the mandate the Table adopts, and the outreach each pivot records.

Whether a designation *counts* is derived, never stored: it must be within its dates, not
withdrawn, and its pivot must still hold the pivot role in that organisation with an active
account. Ending the role or the account takes the designation out the same instant."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.directory.models import Territory, in_language
from filet.matrix.models import Stage
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role

LOCAL_ZONE = ZoneInfo("America/Toronto")
EXPIRY_NOTICE_DAYS = 30
CONFIRMATION_DAYS = 365


def local_now() -> datetime:
    return timezone.now().astimezone(LOCAL_ZONE)


class MilieuType(models.TextChoices):
    """Kinds of institutions a pivot serves: places and organisations, never people."""

    SCHOOL = "school", _("School")
    GROUP_HOME = "group_home", _("Group home")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    COMMUNITY = "community", _("Community organisation")
    HEALTH = "health", _("Health or social services site")
    STREET = "street", _("Street and public spaces")
    OTHER = "other", _("Other")


class PivotLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Other language")


class Level(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    BACKUP = "backup", _("Backup")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Milieu(models.Model):
    """A named institution an organisation serves: a school, a group home, a neighbourhood."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="milieux",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=MilieuType.choices)
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="milieux", verbose_name=_("territory")
    )

    class Meta:
        verbose_name = _("milieu")
        verbose_name_plural = _("milieux")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="milieu_unique_name"),
            models.CheckConstraint(
                condition=Q(type__in=MilieuType.values), name="milieu_type_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pivots:card", kwargs={"pk": self.pk})


class PivotContact(models.Model):
    """How colleagues reach a pivot at work: staff contact details, never a youth's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pivot_contact"
    )
    work_phone = models.CharField(_("work phone"), max_length=30, blank=True)
    work_email = models.EmailField(_("work e-mail"), blank=True)

    class Meta:
        verbose_name = _("pivot's work contact")
        verbose_name_plural = _("pivots' work contacts")

    def __str__(self) -> str:
        return str(self.user)


def _pivot_role_held() -> Exists:
    return Exists(
        Membership.objects.filter(
            user=OuterRef("pivot"),
            organisation=OuterRef("organisation"),
            role=Role.PIVOT,
            ended_at__isnull=True,
        )
    )


class DesignationQuerySet(models.QuerySet["Designation"]):
    def in_force(self, day: date | None = None) -> "DesignationQuerySet":
        """Designations that count on `day`: dated, not withdrawn, pivot still in post."""
        day = day or local_now().date()
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            _pivot_role_held(),
            valid_from__lte=day,
            withdrawn_at__isnull=True,
            pivot__is_active=True,
            organisation__is_active=True,
        )

    def expiring(self, day: date | None = None) -> "DesignationQuerySet":
        day = day or local_now().date()
        return self.in_force(day).filter(
            valid_until__isnull=False, valid_until__lte=day + timedelta(days=EXPIRY_NOTICE_DAYS)
        )

    def confirmation_due(self, day: date | None = None) -> "DesignationQuerySet":
        day = day or local_now().date()
        return self.in_force(day).filter(confirmed_on__lte=day - timedelta(days=CONFIRMATION_DAYS))


class Designation(models.Model):
    """One person designated as pivot of one organisation, primary or backup."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="designations",
        verbose_name=_("organisation"),
    )
    pivot = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="designations",
        verbose_name=_("pivot"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    stages = models.ManyToManyField(
        Stage, blank=True, related_name="designations", verbose_name=_("stages")
    )
    territories = models.ManyToManyField(
        Territory, blank=True, related_name="designations", verbose_name=_("territories")
    )
    milieux = models.ManyToManyField(
        Milieu, blank=True, related_name="designations", verbose_name=_("milieux")
    )
    # " fr en " — the spaces let one `contains` find a whole code on SQLite and PostgreSQL.
    language_codes = models.CharField(_("languages"), max_length=30, default=" fr ")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    confirmed_on = models.DateField(_("last confirmed on"))
    reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    escalated_on = models.DateField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["organisation__name_fr", "-level", "pivot__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="designation_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="designation_dates_ordered",
            ),
            # A person may be primary for some stages and backup for others: two rows.
            models.UniqueConstraint(
                fields=["organisation", "pivot", "level"],
                condition=Q(withdrawn_at__isnull=True),
                name="designation_one_open_per_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pivot} · {self.get_level_display()} · {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("pivots:designation", kwargs={"pk": self.pk})

    @property
    def languages(self) -> list[str]:
        return self.language_codes.split()

    @property
    def language_labels(self) -> list[str]:
        labels = dict(PivotLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    def is_expiring(self, day: date | None = None) -> bool:
        day = day or local_now().date()
        return self.valid_until is not None and self.valid_until <= day + timedelta(
            days=EXPIRY_NOTICE_DAYS
        )

    def confirmation_due_on(self) -> date:
        return self.confirmed_on + timedelta(days=CONFIRMATION_DAYS)

    def is_available(self, moment: datetime | None = None) -> bool:
        """Within a weekly slot and not absent, in Québec time. Uses prefetched rows."""
        moment = (moment or local_now()).astimezone(LOCAL_ZONE)
        day, now = moment.date(), moment.time()
        if any(a.starts_on <= day <= a.ends_on for a in self.absences.all()):
            return False
        return any(
            s.weekday == day.weekday() and s.starts <= now < s.ends for s in self.slots.all()
        )


class AvailabilitySlot(models.Model):
    """A weekly range of hours when the pivot can be reached."""

    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("to"))

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["weekday", "starts"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="slot_times_ordered"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="slot_weekday_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class Absence(models.Model):
    """Dates when the pivot is away (leave, training): who to call skips them."""

    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="absence_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


class MandateRole(models.TextChoices):
    """The five roles of a pivot in the seed, the sections of the mandate."""

    INFORM = "inform", _("Inform, animate and sensitise their milieu")
    CONSULT = "consult", _("Consultant and resource person")
    MANAGEMENT = "management", _("Inform their organisation's management")
    WATCH = "watch", _("Keep informed of the phenomenon")
    COLLECT = "collect", _("Collect relevant information")


class MandateVersionQuerySet(models.QuerySet["MandateVersion"]):
    def current(self) -> "MandateVersion | None":
        return self.order_by("-number").first()


class MandateVersion(models.Model):
    """One adopted version of the pivots' roles and mandates, in French and English.

    `sections` maps each MandateRole to {"fr": text, "en": text}; an adopted version is
    never changed, the Table adopts a new one."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sections = models.JSONField(_("sections"), default=dict)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MandateVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("version of the pivots' mandate")
        verbose_name_plural = _("versions of the pivots' mandate")
        ordering = ["-number"]

    def __str__(self) -> str:
        return str(_("Mandate, version %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("pivots:mandate_version", kwargs={"number": self.number})

    def text(self, role: str, language: str) -> str:
        return str(self.sections.get(role, {}).get(language, ""))

    def localised_sections(self) -> list[tuple[str, str]]:
        return [
            (str(label), in_language(self.text(code, "fr"), self.text(code, "en")))
            for code, label in MandateRole.choices
        ]


class Acknowledgement(models.Model):
    """A pivot has read a version of the mandate."""

    version = models.ForeignKey(
        MandateVersion, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    pivot = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandate_acknowledgements"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement of the mandate")
        verbose_name_plural = _("acknowledgements of the mandate")
        constraints = [
            models.UniqueConstraint(fields=["version", "pivot"], name="acknowledgement_once")
        ]

    def __str__(self) -> str:
        return f"{self.pivot} · v{self.version.number}"


class Audience(models.TextChoices):
    YOUTHS = "youths", _("Youths")
    PARENTS = "parents", _("Parents")
    STAFF = "staff", _("Staff")


class Activity(models.Model):
    """An awareness or animation activity a pivot led: counts and topics, never a youth."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="outreach",
        verbose_name=_("organisation"),
    )
    pivot = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outreach"
    )
    held_on = models.DateField(_("date"))
    milieu_type = models.CharField(_("type of milieu"), max_length=20, choices=MilieuType.choices)
    milieu = models.ForeignKey(
        Milieu,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("milieu"),
    )
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    participants = models.PositiveIntegerField(_("participants"))
    topics = models.TextField(_("topics"))
    material = models.TextField(_("material used"), blank=True)
    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resource from the library"),
    )
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"))
    # A random key from the form: the same submission twice records one activity.
    submission = models.UUIDField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pivot", "submission"], name="activity_submitted_once"),
            models.CheckConstraint(
                condition=Q(milieu_type__in=MilieuType.values), name="activity_milieu_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="activity_audience_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "held_on"], name="activity_org_date_idx")]

    def __str__(self) -> str:
        return f"{self.held_on} · {self.get_milieu_type_display()}"

    def get_absolute_url(self) -> str:
        return reverse("pivots:journal") + f"#activity-{self.pk}"
