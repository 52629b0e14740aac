"""Bench data for the watch (called by bench/data.py): two years of items, a bulletin for
each month, and reads by about half the pivots, so the bulletin page has real work."""

import datetime
import random

from filet.organisations.models import Membership
from filet.organisations.roles import Role
from filet.watch.models import Bulletin, BulletinRead, WatchItem, WatchKind

BATCH = 1000
FIRST = datetime.date(2024, 1, 1)
MONTHS = 24


def generate_watch(rng: random.Random) -> int:
    """Returns the number of items written."""
    author = Membership.objects.filter(role=Role.COORDINATOR).select_related("user").first()
    if author is None:
        return 0
    items = [
        WatchItem(
            kind=rng.choice(WatchKind.values),
            title_fr=f"Élément de veille {number}",
            title_en=f"Watch item {number}" if number % 2 else "",
            summary_fr="Résumé d'une nouvelle, d'une recherche ou d'une décision.",
            source_name="Source publique",
            published_on=FIRST + datetime.timedelta(days=rng.randrange(MONTHS * 30)),
            author=author.user,
        )
        for number in range(MONTHS * 15)
    ]
    WatchItem.objects.bulk_create(items, batch_size=BATCH)
    bulletins = Bulletin.objects.bulk_create(
        [
            Bulletin(month=datetime.date(2024 + m // 12, m % 12 + 1, 1), published_by=author.user)
            for m in range(MONTHS)
        ]
    )
    pivots = list(Membership.objects.filter(role=Role.PIVOT).values_list("user", flat=True))
    reads = [
        BulletinRead(bulletin=bulletin, person_id=person)
        for bulletin in bulletins
        for person in pivots
        if rng.random() < 0.5
    ]
    BulletinRead.objects.bulk_create(reads, batch_size=BATCH)
    return len(items)
