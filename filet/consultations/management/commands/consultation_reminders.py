"""`manage.py consultation_reminders`: take the next step of every overdue consultation
(remind the pivot, then route to the backup, then to the representative) and close answers
left unrated for a month. Safe to run as often as wanted; prints one line."""

from typing import Any

from django.core.management.base import BaseCommand

from filet.consultations.overdue import run


class Command(BaseCommand):
    help = "Remind, reroute and escalate overdue consultations; close old unrated answers."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(run()))
