"""`manage.py send_meeting_reminders`: e-mail each invitee of a meeting that starts within
two days, once. Safe to run as often as wanted; prints one line, exits non-zero on failure."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.meetings import actions


class Command(BaseCommand):
    help = "Remind invited people of the meetings starting within two days (once each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The site's address, for the links in the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            sent = actions.send_reminders(by=None, base_url=options["base_url"])
        except Exception as error:  # noqa: BLE001 — one line and a non-zero status for cron
            raise CommandError(f"send_meeting_reminders: failed: {error}") from error
        self.stdout.write(f"send_meeting_reminders: {sent} reminders sent")
