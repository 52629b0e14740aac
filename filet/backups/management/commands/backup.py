from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filet.backups.actions import take_backup
from filet.backups.crypto import BackupError, key_from_environment


class Command(BaseCommand):
    help = (
        "Write one consistent, encrypted backup of the database and the stored files to PATH. "
        "The key comes from FILET_BACKUP_KEY and is never written anywhere."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to create (must not exist)")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            manifest = take_backup(path, key=key_from_environment())
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["row_counts"].values())
        size = sum(item["size"] for item in manifest["files"])
        self.stdout.write(
            f"Backup written to {path}: {manifest['database']['engine']} database "
            f"({len(manifest['row_counts'])} tables, {rows} rows), "
            f"{len(manifest['files'])} files ({size} bytes), taken at {manifest['created_at']}."
        )
