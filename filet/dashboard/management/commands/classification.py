"""Write docs/classification.md from every app's classification.py (``--check`` only compares)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.lib.classification import render

DOC = Path(settings.BASE_DIR) / "docs" / "classification.md"


class Command(BaseCommand):
    help = "Write docs/classification.md from the apps' data classification."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = render()
        if options["check"]:
            if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
                raise CommandError("docs/classification.md is stale: run manage.py classification")
            return
        DOC.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {DOC.name}")
