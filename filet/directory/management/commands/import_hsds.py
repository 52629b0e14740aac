"""manage.py import_hsds PATH [--dry-run]"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.directory import hsds_import


class Command(BaseCommand):
    help = (
        "Import an Open Referral HSDS 3.0 package (a JSON file, a zip of the CSV package, or "
        "a folder of CSV files): all of it, or nothing if any row has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="list changes, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"import_hsds: {path} does not exist")
        try:
            tables = hsds_import.read_path(path)
        except hsds_import.UnreadableFile as error:
            raise CommandError(f"import_hsds: {error.problem}") from error
        report = hsds_import.import_package(
            tables, by=None, dry_run=options["dry_run"], source=path.name
        )
        for partner in report.plans:
            self.stdout.write(
                f"  {partner.action}: {partner.organisation.name_fr} "
                f"({len(partner.services)} services, {len(partner.locations)} locations)"
            )
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"import_hsds: {len(report.problems)} problems, nothing imported")
        counts = report.counts()
        verb = "would create" if options["dry_run"] else "created"
        self.stdout.write(
            f"import_hsds: {verb} {counts['create']}, "
            f"{'would update' if options['dry_run'] else 'updated'} {counts['update']} partners"
        )
