"""The safety net's panel on the home page: what needs the person's attention in the
situations they may see, as numbers and a link, in one query."""

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from filet.accounts.models import User
from filet.situations import permissions
from filet.situations.models import OPEN_ACTION_STATUSES, Participant, Situation


def panel_for(user: User) -> dict[str, Any] | None:
    if not permissions.uses_net(user):
        return None
    today = timezone.localdate()
    # visible_to is an IN on participants, not a join: the counts' joins stay their own.
    counts = (
        Situation.objects.visible_to(user)
        .not_closed()
        .aggregate(
            open=Count("pk", distinct=True),
            invited=Count(
                "participants",
                distinct=True,
                filter=Q(
                    participants__person=user, participants__status=Participant.Status.INVITED
                ),
            ),
            overdue=Count(
                "actions",
                distinct=True,
                filter=Q(actions__status__in=OPEN_ACTION_STATUSES, actions__due_on__lt=today),
            ),
            review=Count("pk", distinct=True, filter=Q(next_review_on__lt=today)),
        )
    )
    return {"counts": counts, "can_open": permissions.can_open(user)}
