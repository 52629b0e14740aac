"""`manage.py export_indicators --period YYYY-MM..YYYY-MM --output PATH`: the region's
aggregate indicators for the provincial table, as JSON following
docs/schemas/indicators.schema.json. Suppressed exactly as on screen."""

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.audit.actions import record
from filet.observatory import stats
from filet.observatory.exports import indicators_document
from filet.organisations.models import Organisation, OrganisationType
from filet.taxonomy.models import CATEGORY_VOCABULARIES

PERIOD = re.compile(r"^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$")
MAX_MONTHS = 120


def parse_period(value: str) -> tuple[date, date]:
    match = PERIOD.match(value)
    if not match:
        raise CommandError("export_indicators: --period must read YYYY-MM..YYYY-MM")
    try:
        start = date(int(match[1]), int(match[2]), 1)
        end = date(int(match[3]), int(match[4]), 1)
    except ValueError as error:
        raise CommandError(f"export_indicators: bad month in --period ({error})") from None
    if end < start:
        raise CommandError("export_indicators: the period ends before it starts")
    if len(stats.months_between(start, end)) > MAX_MONTHS:
        raise CommandError(f"export_indicators: at most {MAX_MONTHS} months")
    return start, end


class Command(BaseCommand):
    help = "Export the region's suppressed aggregate indicators as JSON for the provincial table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="YYYY-MM..YYYY-MM")
        parser.add_argument("--output", required=True, help="path of the JSON file to write")
        parser.add_argument(
            "--measure", choices=[stats.YOUTHS, stats.OBSERVATIONS], default=stats.YOUTHS
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = parse_period(options["period"])
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"export_indicators: no such directory {output.parent}")
        by_vocabulary = {
            vocabulary.value: stats.build(
                stats.Query(start=start, end=end, vocabulary=vocabulary), measure=options["measure"]
            )
            for vocabulary in CATEGORY_VOCABULARIES
        }
        table = Organisation.objects.filter(type=OrganisationType.COORDINATION).first()
        region = table.name if table else ""
        document = indicators_document(
            by_vocabulary, region=region, produced_by="export_indicators"
        )
        output.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        record(
            None,
            "indicators.exported",
            None,
            period=options["period"],
            categories=len(document["categories"]),
        )
        self.stdout.write(
            f"export_indicators: {options['period']} {len(document['categories'])} categories, "
            f"k={document['suppression']['k']}, written to {output}"
        )
