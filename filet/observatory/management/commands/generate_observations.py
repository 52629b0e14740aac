"""`manage.py generate_observations --years 10 --per-month N`: bench observations by the
pivots already in the database (run after `generate`), ending this month."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from filet.observatory.generate import Author, generate
from filet.observatory.models import Observation
from filet.observatory.stats import add_months
from filet.organisations.models import Membership, Role


class Command(BaseCommand):
    help = "Generate deterministic observations by the existing pivots (bench data)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument(
            "--per-month", type=int, default=50, help="observations per region and month"
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        years, per_month = options["years"], options["per_month"]
        if not 1 <= years <= 20 or not 1 <= per_month <= 5000:
            raise CommandError("generate_observations: --years 1..20 and --per-month 1..5000")
        if Observation.objects.exists():
            raise CommandError("generate_observations: the database already has observations")
        pivots = (
            Membership.objects.current()
            .filter(role=Role.PIVOT)
            .select_related("user", "organisation")
        )
        authors = [Author(m.user, m.organisation) for m in pivots]
        if not authors:
            raise CommandError(
                "generate_observations: no pivot in the database; run generate first"
            )
        # One Table's volume per region: a province has 17 coordinations.
        regions = max(1, Membership.objects.current().filter(role=Role.COORDINATOR).count())
        started = time.monotonic()
        last = timezone.localdate().replace(day=1)
        first = add_months(last, 1 - 12 * years)
        written = generate(
            authors,
            first=first,
            months=12 * years,
            per_month=per_month * regions,
            seed=options["seed"],
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            f"generate_observations: {written} observations over {12 * years} months in {seconds:.1f} s"
        )
