from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from filet.lib.language import in_language
from filet.organisations.roles import Role

__all__ = ["Membership", "Organisation", "OrganisationType", "Role"]


class OrganisationType(models.TextChoices):
    """Partner types of DOMAIN.md §2, plus the Table's own coordination."""

    COORDINATION = "coordination", _("Table coordination")
    YOUTH_PROTECTION = "youth_protection", _("Youth protection")
    HEALTH_SOCIAL = "health_social", _("Health and social services")
    PUBLIC_HEALTH = "public_health", _("Public health")
    MUNICIPAL_POLICE = "municipal_police", _("Municipal police")
    OTHER_POLICE = "other_police", _("Other police")
    FRENCH_SCHOOL = "french_school", _("French school service centre")
    ENGLISH_SCHOOL = "english_school", _("English school board")
    COMMUNITY = "community", _("Community organisation")
    STREET_WORK = "street_work", _("Street work")
    RESEARCH = "research", _("Research centre")
    VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")
    PROSECUTION = "prosecution", _("Prosecution")


TYPE_LABELS = dict(OrganisationType.choices)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def active(self) -> "OrganisationQuerySet":
        return self.filter(is_active=True)

    def with_people_counts(self, roles: Iterable[str]) -> "OrganisationQuerySet":
        """Each organisation's current members per role (annotated by role name) and its
        pending invitations (`pending`), in one query."""
        from filet.accounts.models import Invitation  # accounts imports this module

        pending = (
            Invitation.objects.pending()
            .filter(organisation=OuterRef("pk"))
            .order_by()
            .values("organisation")
            .annotate(n=Count("pk"))
            .values("n")
        )
        current = Q(memberships__ended_at=None)
        return self.order_by().annotate(
            **{
                role: Count("memberships", filter=current & Q(memberships__role=role))
                for role in roles
            },
            pending=Coalesce(Subquery(pending), 0),
        )


class Organisation(models.Model):
    """A partner of the Table (the directory issue enriches this profile)."""

    name_fr = models.CharField(_("name (French)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_fr"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        return in_language(self.name_fr, self.name_en)

    @property
    def type_label(self) -> str:
        """get_type_display() as a plain lookup: Django's hashes every translated choice at
        each call, and the directory shows dozens of partners per page."""
        return str(TYPE_LABELS.get(self.type, self.type))


ROLE_LABELS = dict(Role.choices)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """A role a person holds in an organisation. Ended rather than deleted: history stays."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    started_at = models.DateTimeField(_("since"), default=timezone.now)
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["organisation__name_fr", "user__full_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_current_role",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]
        indexes = [models.Index(fields=["organisation", "role"], name="membership_org_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    @property
    def role_label(self) -> str:
        """get_role_display() as a plain lookup (see Organisation.type_label)."""
        return str(ROLE_LABELS.get(self.role, self.role))
