"""The directory of partners (issue 3): each organisation's profile with its services,
locations, phones and e-mails, the territories served, the profile's versions, and the
Table itself with its membership history and working groups."""

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.directory.text import fold
from filet.lib.language import in_language
from filet.organisations.models import Organisation


class PrivacyRegime(models.TextChoices):
    """The three privacy regimes a Québec partner may fall under (DOMAIN.md §3)."""

    PUBLIC_BODIES = "public_bodies", _("Public bodies (access to documents act)")
    PRIVATE_SECTOR = "private_sector", _("Private sector act")
    HEALTH_SOCIAL = "health_social", _("Health and social services information act")


class ServiceLanguage(models.TextChoices):
    """Languages a service is offered in (ISO 639 codes, as HSDS expects)."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")
    INUKTITUT = "iu", _("Inuktitut")
    SIGN_LSQ = "fcs", _("Quebec Sign Language (LSQ)")


class TerritoryKind(models.TextChoices):
    REGION = "region", _("Region")
    SECTOR = "sector", _("Sector")


class Territory(models.Model):
    """A region or a sector that partners serve; sectors, never places (DOMAIN.md §3)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=TerritoryKind.choices, default=TerritoryKind.SECTOR
    )

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name_fr"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=TerritoryKind.values), name="territory_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)


class ProfileQuerySet(models.QuerySet["Profile"]):
    def by_hsds_id(self, hsds_id: str) -> "ProfileQuerySet":
        return self.filter(hsds_id=hsds_id)


class Profile(models.Model):
    """What the Table knows of one partner: culture, mission, mandates, what it may share.

    `search_text` and `language_codes` are denormalised by actions.save_profile, so that a
    search is one query with `contains` on folded text, identical on SQLite and PostgreSQL.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="profile"
    )
    privacy_regime = models.CharField(
        _("privacy regime"), max_length=20, choices=PrivacyRegime.choices, blank=True
    )
    mission_fr = models.TextField(_("mission (French)"), blank=True)
    mission_en = models.TextField(_("mission (English)"), blank=True)
    culture_fr = models.TextField(_("culture and how to work with us (French)"), blank=True)
    culture_en = models.TextField(_("culture and how to work with us (English)"), blank=True)
    mandates_fr = models.TextField(_("statutory mandates (French)"), blank=True)
    mandates_en = models.TextField(_("statutory mandates (English)"), blank=True)
    may_share_fr = models.TextField(_("what we may share (French)"), blank=True)
    may_share_en = models.TextField(_("what we may share (English)"), blank=True)
    may_not_share_fr = models.TextField(_("what we may not share (French)"), blank=True)
    may_not_share_en = models.TextField(_("what we may not share (English)"), blank=True)
    escalation_fr = models.TextField(_("escalation path (French)"), blank=True)
    escalation_en = models.TextField(_("escalation path (English)"), blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    privacy_officer_name = models.CharField(_("privacy officer"), max_length=150, blank=True)
    privacy_officer_email = models.EmailField(_("privacy officer's e-mail"), blank=True)
    privacy_officer_phone = models.CharField(
        _("privacy officer's phone"), max_length=30, blank=True
    )
    territories = models.ManyToManyField(
        Territory, blank=True, related_name="profiles", verbose_name=_("territories served")
    )
    hsds_id = models.UUIDField(_("HSDS identifier"), null=True, blank=True, unique=True)
    revision = models.PositiveIntegerField(default=0, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    # " fr en " — the spaces let one `contains` find a whole code.
    language_codes = models.CharField(max_length=60, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(privacy_regime__in=[*PrivacyRegime.values, ""]),
                name="profile_privacy_regime_valid",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def mission(self) -> str:
        return in_language(self.mission_fr, self.mission_en)

    @property
    def culture(self) -> str:
        return in_language(self.culture_fr, self.culture_en)

    @property
    def mandates(self) -> str:
        return in_language(self.mandates_fr, self.mandates_en)

    @property
    def may_share(self) -> str:
        return in_language(self.may_share_fr, self.may_share_en)

    @property
    def may_not_share(self) -> str:
        return in_language(self.may_not_share_fr, self.may_not_share_en)

    @property
    def escalation(self) -> str:
        return in_language(self.escalation_fr, self.escalation_en)

    def refresh_search_fields(self) -> None:
        """Recompute the denormalised search columns from the saved services and
        territories (the caller saves)."""
        services = list(self.organisation.services.all())
        self.search_text = self.searchable_parts(services, list(self.territories.all()))
        codes = sorted({code for service in services for code in service.languages})
        self.language_codes = f" {' '.join(codes)} " if codes else ""

    def searchable_parts(self, services: list["Service"], territories: list[Territory]) -> str:
        """Every word a worker might search by, in both languages, folded."""
        organisation = self.organisation
        parts = [
            organisation.name_fr,
            organisation.name_en,
            organisation.acronym,
            self.mission_fr,
            self.mission_en,
        ]
        for service in services:
            parts += [service.name_fr, service.name_en, service.description_fr]
            parts.append(service.description_en)
        for territory in territories:
            parts += [territory.name_fr, territory.name_en, territory.code]
        return fold(" ".join(part for part in parts if part))


class Service(models.Model):
    """A service a partner offers, as the directory and HSDS describe it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    eligibility_fr = models.TextField(_("who is eligible (French)"), blank=True)
    eligibility_en = models.TextField(_("who is eligible (English)"), blank=True)
    referral_fr = models.TextField(_("how to refer (French)"), blank=True)
    referral_en = models.TextField(_("how to refer (English)"), blank=True)
    hours_fr = models.CharField(_("hours (French)"), max_length=200, blank=True)
    hours_en = models.CharField(_("hours (English)"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    hsds_id = models.UUIDField(_("HSDS identifier"), null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organisation_id", "name_fr", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)

    @property
    def description(self) -> str:
        return in_language(self.description_fr, self.description_en)

    @property
    def eligibility(self) -> str:
        return in_language(self.eligibility_fr, self.eligibility_en)

    @property
    def referral(self) -> str:
        return in_language(self.referral_fr, self.referral_en)

    @property
    def hours(self) -> str:
        return in_language(self.hours_fr, self.hours_en)

    @property
    def language_labels(self) -> list[str]:
        labels = dict(ServiceLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class LocationQuerySet(models.QuerySet["Location"]):
    def public(self) -> "LocationQuerySet":
        return self.filter(is_confidential=False)

    def visible_to(self, user: Any, organisation: Organisation) -> "LocationQuerySet":
        """A confidential address is shown to the organisation's own people only."""
        if user.is_authenticated and organisation.pk in user.organisation_ids():
            return self
        return self.public()


class Location(models.Model):
    """An address of a partner. A confidential one (a shelter, a safe house) is shown to no
    one outside the organisation and never exported."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="locations"
    )
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    address_1 = models.CharField(_("address"), max_length=200)
    address_2 = models.CharField(_("address (continued)"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    province = models.CharField(_("province"), max_length=2, default="QC")
    postal_code = models.CharField(_("postal code"), max_length=10)
    is_confidential = models.BooleanField(
        _("confidential address"),
        default=False,
        help_text=_("Shown only to the organisation's own people; never exported."),
    )
    hsds_id = models.UUIDField(_("HSDS identifier"), null=True, blank=True, unique=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["organisation_id", "name_fr", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)


class PhoneKind(models.TextChoices):
    VOICE = "voice", _("Phone")
    TEXT = "text", _("Text messages")
    FAX = "fax", _("Fax")
    HOTLINE = "hotline", _("Line open 24/7")


class Phone(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="phones")
    number = models.CharField(_("number"), max_length=30)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PhoneKind.choices)
    label_fr = models.CharField(_("label (French)"), max_length=120, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        ordering = ["organisation_id", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PhoneKind.values), name="phone_kind_valid")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en)


class ContactEmail(models.Model):
    """A published e-mail address of a partner (intake, training, media...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="emails")
    address = models.EmailField(_("e-mail"))
    label_fr = models.CharField(_("label (French)"), max_length=120, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["organisation_id", "pk"]

    def __str__(self) -> str:
        return self.address

    @property
    def label(self) -> str:
        return in_language(self.label_fr, self.label_en)


class ProfileVersion(models.Model):
    """One saved state of a profile: who saved it, when, and a JSON snapshot of everything."""

    profile = models.ForeignKey(Profile, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("profile version")
        verbose_name_plural = _("profile versions")
        ordering = ["profile", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="profile_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} v{self.number}"


class Table(models.Model):
    """The coordination table itself; a single row (pk 1)."""

    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    mission_fr = models.TextField(_("mission (French)"), blank=True)
    mission_en = models.TextField(_("mission (English)"), blank=True)
    territory_fr = models.CharField(_("territory (French)"), max_length=200, blank=True)
    territory_en = models.CharField(_("territory (English)"), max_length=200, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("coordination table")
        verbose_name_plural = _("coordination tables")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="table_single_row")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> "Table":
        """The Table's row; an unsaved default until the coordinator first saves it."""
        return cls.objects.filter(pk=1).first() or cls(pk=1, name_fr="Table régionale")

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)

    @property
    def mission(self) -> str:
        return in_language(self.mission_fr, self.mission_en)

    @property
    def territory(self) -> str:
        return in_language(self.territory_fr, self.territory_en)


class TableMembershipQuerySet(models.QuerySet["TableMembership"]):
    def current(self, on: date | None = None) -> "TableMembershipQuerySet":
        day = on or timezone.localdate()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day), joined_on__lte=day)


class TableMembership(models.Model):
    """An organisation's seat at the Table from one date to another; ended, never deleted,
    so the history reads like the seed (founding members in 2007, two more in 2009)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="table_memberships",
        verbose_name=_("organisation"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = TableMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Table membership")
        verbose_name_plural = _("Table memberships")
        ordering = ["joined_on", "organisation__name_fr"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(left_on__isnull=True),
                name="table_membership_one_open",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="table_membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.joined_on})"


class WorkingGroup(models.Model):
    """A working group of the Table: a mandate, member organisations and people."""

    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    mandate_fr = models.TextField(_("mandate (French)"))
    mandate_en = models.TextField(_("mandate (English)"), blank=True)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="working_groups", verbose_name=_("organisations")
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="working_groups",
        verbose_name=_("people"),
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name_fr"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="working_group_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)

    @property
    def mandate(self) -> str:
        return in_language(self.mandate_fr, self.mandate_en)
