"""`manage.py generate --scale region|province`: the bench's data set, into an empty database."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.data import SCALES, generate
from filet.organisations.models import Organisation

DEFAULT_SEED = 2026


class Command(BaseCommand):
    help = "Generate deterministic bench data (region: one Table; province: 17 of them)."

    def add_arguments(self, parser: CommandParser) -> None:
        # "tiny" and "small" exist for the tests; the metavar keeps them out of the usage line.
        parser.add_argument(
            "--scale", choices=sorted(SCALES), default="region", metavar="region|province"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        scale, seed = options["scale"], options["seed"]
        # Mixing bench people into real or demo data would be impossible to undo cleanly.
        if Organisation.objects.exists():
            raise CommandError("generate: the database already has organisations; use an empty one")
        started = time.monotonic()
        counts = generate(SCALES[scale], seed=seed)
        seconds = time.monotonic() - started
        self.stdout.write(f"generate: scale={scale} seed={seed} {counts} in {seconds:.1f} s")
