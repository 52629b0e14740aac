"""`manage.py pivot_reminders`: ask representatives to confirm their pivots once a year,
then escalate to the coordinator. Safe to run as often as wanted; prints one line."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from filet.pivots.actions import send_reminders


class Command(BaseCommand):
    help = "Remind representatives to confirm their pivots yearly; escalate to the coordinator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The site's address, for the links in the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = send_reminders(base_url=options["base_url"])
        self.stdout.write(
            f"pivot_reminders: {summary.reminded} reminded, {summary.escalated} escalated"
        )
