"""Creating and revoking personal access tokens."""

from datetime import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from filet.accounts.models import User
from filet.api.models import ApiToken
from filet.audit.actions import record


@transaction.atomic
def create_token(
    *,
    by: User,
    name: str,
    scopes: list[str],
    areas: list[str],
    expires_at: datetime,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """A new token for the person, opening the areas given (at least one). Only its digest
    is stored: the returned secret is shown once and never again."""
    if not areas:
        raise ValueError("A token opens at least one area.")
    secret, prefix, digest = ApiToken.new_token()
    token = ApiToken.objects.create(
        user=by,
        name=name,
        prefix=prefix,
        digest=digest,
        scopes=sorted(scopes),
        areas=sorted(set(areas)),
        expires_at=expires_at,
    )
    record(
        by,
        "api.token_created",
        token,
        request=request,
        prefix=prefix,
        scopes=token.scopes,
        areas=token.areas,
    )
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, by: User, request: HttpRequest | None = None) -> bool:
    """Stops the token at once; revoking twice changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return False
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    locked.responses.all().delete()  # the answers kept for its retries are no use now
    record(by, "api.token_revoked", locked, request=request, prefix=locked.prefix)
    return True


def touch(token: ApiToken) -> None:
    """Remember when the token was last used, writing at most once a minute."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
