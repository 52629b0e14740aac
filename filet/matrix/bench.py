"""Bench data for the matrix: each partner holds a responsibility at two to four stages."""

import random

from filet.matrix.models import Cell, Responsibility, Stage
from filet.organisations.models import Organisation, OrganisationType


def generate_matrix(regions: list[list[Organisation]], rng: random.Random) -> int:
    stages = list(Stage.objects.active())
    cells = [
        Cell(
            stage=stage,
            organisation=organisation,
            responsibility=rng.choice(Responsibility.values),
            description_fr="Contribution décrite pour le banc d'essai",
            description_en="Contribution described for the bench",
        )
        for organisations in regions
        for organisation in organisations
        if organisation.type != OrganisationType.COORDINATION
        for stage in rng.sample(stages, rng.randint(2, min(4, len(stages))))
    ]
    Cell.objects.bulk_create(cells, batch_size=2000)
    return len(cells)
