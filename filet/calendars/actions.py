"""Issuing and revoking a person's calendar feed token."""

from django.db import transaction
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.calendars.models import FeedToken


@transaction.atomic
def issue_token(*, user: User) -> str:
    """A new secret for the person's feed; any earlier one stops working. Only the digest
    is stored: the returned token is shown once and never again."""
    revoke_tokens(user=user, audit=False)
    token, digest = FeedToken.new_token()
    feed_token = FeedToken.objects.create(user=user, digest=digest)
    record(user, "calendar.token_issued", feed_token)
    return token


@transaction.atomic
def revoke_tokens(*, user: User, audit: bool = True) -> int:
    active = list(FeedToken.objects.select_for_update().active().filter(user=user))
    now = timezone.now()
    for feed_token in active:
        feed_token.revoked_at = now
        feed_token.save(update_fields=["revoked_at"])
        if audit:
            record(user, "calendar.token_revoked", feed_token)
    return len(active)
