"""Destroy the records whose retention period has run out, kind by kind (cron, daily)."""

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from filet.privacy.actions import purge_rule
from filet.privacy.schedule import rules

logger = logging.getLogger("filet.privacy")


class Command(BaseCommand):
    help = "Destroy expired records per the retention schedule; --dry-run only counts them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, destroy nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        dry_run = options["dry_run"]
        failed = []
        for rule in rules():
            # One kind failing rolls back that kind alone; the others still run.
            try:
                count, cutoff = purge_rule(rule, now=now, dry_run=dry_run)
            except Exception:
                logger.exception("purge_expired: %s failed", rule.kind)
                failed.append(rule.kind)
                continue
            verb = "would destroy" if dry_run else "destroyed"
            self.stdout.write(f"{rule.kind}: {verb} {count} (before {cutoff:%Y-%m-%d %H:%M} UTC)")
        if failed:
            raise CommandError(f"purge failed for: {', '.join(failed)}")
