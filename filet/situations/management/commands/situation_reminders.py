"""`manage.py situation_reminders`: remind the people responsible for what is late in the
safety net, then escalate to their representative and to the coordinator. Each reminder
goes out once; safe to run as often as wanted; prints one line."""

from typing import Any

from django.core.management.base import BaseCommand

from filet.situations.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind and escalate overdue actions and reviews of concerted situations."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = send_reminders()
        self.stdout.write(
            f"situation_reminders: {summary.reminded} reminded, "
            f"{summary.to_representatives} to representatives, "
            f"{summary.to_coordinators} to coordinators"
        )
