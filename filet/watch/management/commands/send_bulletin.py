"""`manage.py send_bulletin --month YYYY-MM`: publish the month's watch bulletin (once) and
e-mail it to every pivot and subscriber who has not had it. Safe to run again; one line."""

import re
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.watch import actions

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str) -> date:
    match = MONTH.match(value or "")
    if not match or not 1 <= int(match[2]) <= 12:
        raise CommandError(f"--month must be YYYY-MM, not {value!r}")
    return date(int(match[1]), int(match[2]), 1)


class Command(BaseCommand):
    help = "Publish and e-mail the monthly watch bulletin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="The bulletin's month, YYYY-MM.")
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The site's address, for the link in the messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        month = parse_month(options["month"])
        result = actions.send_bulletin(month, by=None, base_url=options["base_url"])
        self.stdout.write(
            f"send_bulletin: {result.bulletin} — {result.sent} sent, "
            f"{result.already} already had it, {result.failed} failed"
        )
        if result.failed:
            raise CommandError(f"{result.failed} messages could not be sent; run again later.")
