"""The consultation inbox and the home panel: what waits for a person, in a few queries
whatever the number of consultations (lists are capped, counts aggregated)."""

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from filet.accounts.models import User
from filet.consultations.models import (
    AWAITING_HANDLER,
    OPEN_STATUSES,
    Consultation,
    Notification,
    Status,
)
from filet.organisations.roles import Role

LIST_SIZE = 50
NOTICES = 20
RELATED = ("topic", "territory", "organisation")


def counts(user: User) -> dict[str, int]:
    """The numbers of the inbox and the home panel in one query: the person's, and for a
    representative their organisations' open and overdue consultations."""
    now = timezone.now()
    ids = user.organisation_ids(Role.REPRESENTATIVE)
    awaiting = Q(status__in=AWAITING_HANDLER, due_at__lt=now)
    return Consultation.objects.filter(
        Q(assignee=user) | Q(requester=user) | Q(organisation__in=ids)
    ).aggregate(
        assigned=Count("pk", filter=Q(assignee=user, status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(assignee=user) & awaiting),
        details=Count("pk", filter=Q(requester=user, status=Status.NEEDS_INFO)),
        to_rate=Count("pk", filter=Q(requester=user, status=Status.ANSWERED)),
        organisation_open=Count("pk", filter=Q(organisation__in=ids, status__in=OPEN_STATUSES)),
        organisation_overdue=Count("pk", filter=Q(organisation__in=ids) & awaiting),
    )


def build(user: User) -> dict[str, Any]:
    assigned = (
        Consultation.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related(*RELATED)
        .order_by("due_at", "pk")[:LIST_SIZE]
    )
    asked = Consultation.objects.filter(requester=user).select_related(*RELATED)[:LIST_SIZE]
    ids = user.organisation_ids(Role.REPRESENTATIVE)
    organisation = (
        Consultation.objects.filter(organisation__in=ids, status__in=OPEN_STATUSES)
        .exclude(assignee=user)
        .select_related("assignee", *RELATED)
        .order_by("due_at", "pk")[:LIST_SIZE]
        if ids
        else []
    )
    notices = (
        Notification.objects.filter(recipient=user)
        .select_related("consultation")
        .order_by("-created_at", "-pk")[:NOTICES]
    )
    numbers = counts(user)
    numbers["unread"] = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {
        "counts": numbers,
        "representative": bool(ids),
        "assigned": assigned,
        "asked": asked,
        "organisation": organisation,
        "notices": notices,
        "now": timezone.now(),
    }
