"""manage.py export_hsds --format json|csv --output PATH"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.audit.actions import record
from filet.directory import hsds


class Command(BaseCommand):
    help = "Export the directory as Open Referral HSDS 3.0 (JSON, or a zip of the CSV package)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", required=True, help="file to write (.json or .zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        tables = hsds.build_tables()
        if options["format"] == "csv":
            data = hsds.to_zip_bytes(tables)
        else:
            data = hsds.to_json_bytes(tables)
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"export_hsds: cannot write {output}: {error.strerror}") from error
        counts = hsds.summary(tables)
        record(None, "hsds.exported", format=options["format"], counts=counts)
        self.stdout.write(
            f"export_hsds: {counts['organizations']} organizations, {counts['services']} "
            f"services, {counts['locations']} locations written to {output}"
        )
