from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.backups.actions import Restored, restore_backup
from filet.backups.crypto import BackupError, key_from_environment


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the configured database, which must "
        "be empty (newly created, no tables), and into an empty FILET_PRIVATE_STORAGE. The "
        "whole file is authenticated before anything is written; then the audit chain is "
        "verified and the row counts compared with the backup's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            restored = restore_backup(path, key=key_from_environment())
        except BackupError as error:
            raise CommandError(str(error)) from error
        self._report(path, restored)

    def _report(self, path: Path, restored: Restored) -> None:
        manifest, verdict = restored.manifest, restored.verdict
        self.stdout.write(
            f"Restored {path} (taken at {manifest['created_at']}): "
            f"{len(manifest['row_counts'])} tables, {len(manifest['files'])} files."
        )
        problems = [
            f"row count of {table}: {expected} in the backup, {found} restored"
            for table, (expected, found) in restored.count_mismatches.items()
        ]
        problems += [f"library file missing: {name}" for name in restored.missing_files]
        if verdict.ok:
            self.stdout.write(
                f"audit chain OK: {verdict.checked} entries, head #{verdict.head_seq} "
                f"{verdict.head_hash}"
            )
        else:
            problems.append(
                f"audit chain BROKEN at entry #{verdict.first_bad_seq} ({verdict.reason})"
            )
        if restored.unapplied:
            self.stdout.write(
                f"{len(restored.unapplied)} migrations of this version are newer than the "
                "backup: run `manage.py migrate` now."
            )
        if problems:
            raise CommandError("Restored, but: " + "; ".join(problems))
        self.stdout.write("Row counts match the manifest for every table.")
