"""`manage.py send_training_reminders`: e-mail people who are not current on a module their
role requires (not twice within --days), and remind registered people of sessions that start
within --session-hours. Safe to run as often as wanted; prints one line."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from filet.training import actions


class Command(BaseCommand):
    help = "Send training reminders (required modules not current; upcoming sessions)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=actions.REMINDER_DAYS)
        parser.add_argument("--session-hours", type=int, default=48)
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The site's address, for the links in the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = options["base_url"]
        sent, skipped = actions.send_reminders(by=None, base_url=base_url, days=options["days"])
        sessions = actions.send_session_reminders(
            base_url=base_url, within=timedelta(hours=options["session_hours"])
        )
        self.stdout.write(
            f"send_training_reminders: {sent} coverage reminders sent, {skipped} skipped "
            f"(reminded within {options['days']} days), {sessions} session reminders sent"
        )
