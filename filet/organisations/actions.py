"""Granting and revoking roles."""

from django.db import transaction
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.actions import record
from filet.organisations.models import Membership, Organisation


@transaction.atomic
def grant_role(*, by: User, user: User, organisation: Organisation, role: str) -> Membership:
    """Give `user` a role in `organisation`; granting a role already held changes nothing."""
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        ended_at=None,
        defaults={"granted_by": by},
    )
    if created:
        record(by, "role.granted", membership, organisation=organisation, role=role, user=user.pk)
    return membership


@transaction.atomic
def revoke_role(membership: Membership, *, by: User) -> None:
    """End a role today; the person loses what it gave on their next request."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is not None:
        return
    membership.ended_at = timezone.now()
    membership.save(update_fields=["ended_at"])
    record(
        by,
        "role.revoked",
        membership,
        organisation=membership.organisation,
        role=membership.role,
        user=membership.user_id,
    )
