"""Bulletin reading for an organisation's management report (the pivots' report calls it)."""

from datetime import date
from typing import Any

from filet.accounts.models import User
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.watch.models import Bulletin, BulletinRead


def bulletin_reads(organisation: Organisation, start: date, end: date) -> dict[str, Any]:
    """Who among the organisation's current pivots opened the bulletins of the months from
    `start` to `end` (both included, any day of the month). Three queries.

    Returns {"bulletins": [Bulletin, ...] (oldest first), "pivots": [{"person": User,
    "read": int, "unread": int, "first_read_at": {bulletin_pk: datetime}}, ...] (by name),
    "read": total reads, "expected": pivots × bulletins}.
    """
    bulletins = list(
        Bulletin.objects.filter(month__gte=start.replace(day=1), month__lte=end).order_by("month")
    )
    pivot_ids = Membership.objects.current().filter(organisation=organisation, role=Role.PIVOT)
    people = list(User.objects.filter(pk__in=pivot_ids.values("user")).order_by("full_name", "pk"))
    reads: dict[int, dict[int, Any]] = {person.pk: {} for person in people}
    for person_id, bulletin_id, at in BulletinRead.objects.filter(
        bulletin__in=bulletins, person__in=people
    ).values_list("person", "bulletin", "first_read_at"):
        reads[person_id][bulletin_id] = at
    rows = [
        {
            "person": person,
            "read": len(reads[person.pk]),
            "unread": len(bulletins) - len(reads[person.pk]),
            "first_read_at": reads[person.pk],
        }
        for person in people
    ]
    return {
        "bulletins": bulletins,
        "pivots": rows,
        "read": sum(row["read"] for row in rows),
        "expected": len(people) * len(bulletins),
    }
