from typing import Any

from django.core.management.base import BaseCommand, CommandError

from filet.audit.actions import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit non-zero naming the first bad entry."

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = verify_chain()
        if not verdict.ok:
            raise CommandError(
                f"audit chain BROKEN at entry #{verdict.first_bad_seq} ({verdict.reason}); "
                f"{verdict.checked} entries verified before it"
            )
        self.stdout.write(
            f"audit chain OK: {verdict.checked} entries, head #{verdict.head_seq} "
            f"{verdict.head_hash}"
        )
