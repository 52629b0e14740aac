"""Personal access tokens for the REST API, and the stored answers that make a retried
POST harmless (Idempotency-Key)."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "filet_"  # noqa: S105  # nosec B105  # a visible label, not a secret
PREFIX_LENGTH = 14  # "filet_" and eight characters of the secret: shown, never enough
MAX_LIFETIME = timedelta(days=365)
IDEMPOTENCY_WINDOW = timedelta(hours=24)


class Scope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Write")


class Area(models.TextChoices):
    """The parts of Filet a token may open, one per module of filet/api/endpoints
    (filet.api.permissions.AREAS)."""

    DIRECTORY = "directory", _("Directory")
    MATRIX = "matrix", _("Matrix")
    PIVOTS = "pivots", _("Pivot workers")
    SAFETY_NET = "safety_net", _("Safety net")
    OBSERVATORY = "observatory", _("Observatory")
    TABLE = "table", _("The Table's life")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def by_token(self, token: str) -> "ApiTokenQuerySet":
        return self.filter(digest=token_digest(token))


class ApiToken(models.Model):
    """A person's key to the API: it acts as that person, within its scopes and its areas,
    until it expires or is revoked. Only the digest is kept; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("beginning of the token"), max_length=PREFIX_LENGTH)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    areas = models.JSONField(_("areas"), default=list)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        return [str(Scope(scope).label) for scope in self.scopes if scope in Scope.values]

    def opens(self, area: str) -> bool:
        return area in self.areas

    def area_labels(self) -> list[str]:
        return [str(area.label) for area in Area if area in self.areas]

    @staticmethod
    def new_token() -> tuple[str, str, str]:
        """(token, prefix, digest): the token goes to the person, the rest to the row."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        return token, token[:PREFIX_LENGTH], token_digest(token)


class IdempotentResponse(models.Model):
    """The answer given to a POST carrying an Idempotency-Key, replayed for 24 hours when
    the same token sends the same key again."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="responses")
    key = models.CharField(max_length=200)
    request_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stored API response")
        verbose_name_plural = _("stored API responses")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_once")
        ]
        indexes = [models.Index(fields=["created_at"], name="api_idempotency_created")]

    def __str__(self) -> str:
        return f"{self.token_id} · {self.key}"
