"""Bench data for pivots (called by bench/data.py): sectors, and a designation for every
pivot of the data set, primary or backup, over one or two stages and sectors, with
weekday hours, so that who to call and the coordination board work on a province."""

import random
from datetime import date, time

from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.models import Membership
from filet.organisations.roles import Role
from filet.pivots.models import AvailabilitySlot, Designation, Level

BATCH = 1000
SECTORS = 40
SINCE = date(2025, 1, 6)


def generate_pivots(rng: random.Random) -> int:
    """Returns the number of designations written. The first sector (pk 1 on a fresh
    bench database) is the one bench/pages.py searches."""
    sectors = [
        Territory.objects.get_or_create(
            code=f"bench-sector-{n}", defaults={"name_fr": f"Secteur {n}", "name_en": f"Sector {n}"}
        )[0]
        for n in range(1, SECTORS + 1)
    ]
    stages = list(Stage.objects.active())
    pivots = list(Membership.objects.filter(role=Role.PIVOT, ended_at__isnull=True))
    if not pivots or not stages:
        return 0
    designations = Designation.objects.bulk_create(
        [
            Designation(
                organisation_id=m.organisation_id,
                pivot_id=m.user_id,
                level=Level.PRIMARY if n % 3 else Level.BACKUP,
                language_codes=" fr en " if n % 4 == 0 else " fr ",
                valid_from=SINCE,
                confirmed_on=SINCE,
                created_by_id=m.user_id,
            )
            for n, m in enumerate(pivots)
        ],
        batch_size=BATCH,
    )
    _scopes(designations, stages, sectors, rng)
    return len(designations)


def _scopes(
    designations: list[Designation],
    stages: list[Stage],
    sectors: list[Territory],
    rng: random.Random,
) -> None:
    """Two stages, one or two sectors (the first one for one designation in 20) and
    weekday hours for each designation."""
    stage_rows, sector_rows, slots = [], [], []
    for n, d in enumerate(designations):
        for stage in rng.sample(stages, 2):
            stage_rows.append(Designation.stages.through(designation_id=d.pk, stage_id=stage.pk))
        first = sectors[0] if n % 20 == 0 else rng.choice(sectors)
        for sector in {first, rng.choice(sectors)}:
            sector_rows.append(
                Designation.territories.through(designation_id=d.pk, territory_id=sector.pk)
            )
        slots += [
            AvailabilitySlot(
                designation_id=d.pk, weekday=day, starts=time(8, 30), ends=time(16, 30)
            )
            for day in range(5)
        ]
    Designation.stages.through.objects.bulk_create(stage_rows, batch_size=BATCH)
    Designation.territories.through.objects.bulk_create(sector_rows, batch_size=BATCH)
    AvailabilitySlot.objects.bulk_create(slots, batch_size=BATCH)
