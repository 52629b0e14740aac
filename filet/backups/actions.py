"""Taking a backup and restoring one.

A backup file holds, encrypted (crypto.py) and framed (archive.py): the database snapshot,
every stored file, then the manifest (format, creation time, migration state per app, row
counts per table, size and SHA-256 of the dump and of each file). A restore reads the whole
file once to authenticate it and check every entry against the manifest before it writes
anything, then reads it again to write.
"""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from filet.audit.actions import Verdict, verify_chain
from filet.backups import database, files
from filet.backups.archive import ArchiveWriter, Written, entries, measure
from filet.backups.crypto import FORMAT, BackupError, EncryptedWriter, decrypted_chunks
from filet.resources import storage
from filet.resources.models import Resource

DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


def take_backup(path: Path, *, key: bytes) -> dict[str, Any]:
    """Write an encrypted backup of the default database and the stored files to `path`
    (which must not exist yet); return its manifest."""
    if path.exists():
        raise BackupError(f"{path} already exists: a backup never overwrites a file.")
    partial = path.with_name(path.name + ".partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        # e.g. a .partial left by an interrupted backup, or a folder that does not exist
        raise BackupError(f"Cannot create {partial}: {error.strerror}.") from error
    try:
        with os.fdopen(descriptor, "wb") as raw:
            manifest = _write(raw, key)
            raw.flush()
            os.fsync(raw.fileno())
        partial.rename(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _write(raw: BinaryIO, key: bytes) -> dict[str, Any]:
    sink = EncryptedWriter(raw, key)
    archive = ArchiveWriter(sink)
    created_at = timezone.now()
    with database.snapshot() as snap:
        dump = archive.add("database", DUMP_NAMES[snap.engine], snap.blocks)
    # Files come after the snapshot: a file added meanwhile is an orphan after a restore,
    # never a row pointing at nothing (stored files are written once, under new names).
    stored = []
    for name in files.stored_names():
        written = archive.add("file", name, files.read_blocks(name))
        stored.append({"name": name, "size": written.size, "sha256": written.sha256})
    manifest = {
        "format": FORMAT,
        "created_at": created_at.isoformat(),
        "database": {"engine": snap.engine, "name": DUMP_NAMES[snap.engine]}
        | {"size": dump.size, "sha256": dump.sha256},
        "migrations": snap.migrations,
        "row_counts": snap.row_counts,
        "files": stored,
    }
    archive.add("manifest", "manifest.json", [json.dumps(manifest, indent=1).encode()])
    archive.finish()
    sink.close()
    return manifest


def verify_backup(raw: BinaryIO, *, key: bytes) -> dict[str, Any]:
    """Read the whole backup: authenticate every chunk and check every entry against the
    manifest. Return the manifest; raise BackupError on the first doubt."""
    seen: dict[tuple[str, str], Written] = {}
    manifest: dict[str, Any] | None = None
    for entry in entries(decrypted_chunks(raw, key)):
        if entry.kind == "manifest":
            manifest = json.loads(b"".join(entry.blocks()))
            continue
        if (entry.kind, entry.name) in seen:
            raise BackupError(f"The backup holds {entry.name} twice.")
        seen[(entry.kind, entry.name)] = measure(entry.blocks())
    if manifest is None or manifest.get("format") != FORMAT:
        raise BackupError("The backup has no manifest this Filet can read.")
    expected = {("database", manifest["database"]["name"]): _sized(manifest["database"])}
    expected |= {("file", item["name"]): _sized(item) for item in manifest["files"]}
    if seen != expected:
        raise BackupError("The backup's content does not match its manifest.")
    return manifest


def _sized(item: dict[str, Any]) -> Written:
    return Written(item["size"], item["sha256"])


@dataclass
class Restored:
    manifest: dict[str, Any]
    verdict: Verdict
    count_mismatches: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    unapplied: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)


def restore_backup(path: Path, *, key: bytes) -> Restored:
    """Bring a backup back into the empty default database and empty file storage; then
    verify the audit chain and compare the row counts with the manifest."""
    with path.open("rb") as raw:
        manifest = verify_backup(raw, key=key)
        unapplied = _refuse_unless_ready(manifest)
        raw.seek(0)
        checksums = {item["name"]: item["sha256"] for item in manifest["files"]}
        for entry in entries(decrypted_chunks(raw, key)):
            if entry.kind == "database":
                database.restore(manifest["database"]["engine"], entry.blocks())
            elif entry.kind == "file":
                files.restore(entry.name, entry.blocks(), checksums[entry.name])
    connection.close()
    restored = Restored(
        manifest,
        verify_chain(),
        _count_mismatches(manifest["row_counts"]),
        unapplied,
        [] if unapplied else _missing_library_files(),
    )
    _forget_cached_pages()
    return restored


# Caches kept in the database itself came back with it, consistent with the restored rows.
_RESTORED_WITH_THE_DATABASE = ("DatabaseCache", "FallbackCache")


def _forget_cached_pages() -> None:
    """Caches outside the database (Redis) describe the database as it was before the
    restore (reports, coverage, counters): they must not outlive it."""
    for alias in settings.CACHES:
        backend = type(caches[alias]).__name__
        if backend not in _RESTORED_WITH_THE_DATABASE:
            caches[alias].clear()


def _refuse_unless_ready(manifest: dict[str, Any]) -> list[str]:
    """Every reason not to write, checked before anything is written."""
    engine = manifest["database"]["engine"]
    if engine != connection.vendor:
        raise BackupError(f"This backup holds a {engine} database, the target is not.")
    unapplied = _check_migrations(manifest["migrations"])
    ensure_empty_database()
    files.ensure_empty()
    return unapplied


def _count_mismatches(expected: dict[str, int]) -> dict[str, tuple[int, int | None]]:
    after = database.row_counts()
    return {
        table: (count, after.get(table))
        for table, count in expected.items()
        if after.get(table) != count
    }


def _check_migrations(state: dict[str, list[str]]) -> list[str]:
    """Refuse a backup taken by a newer Filet; list the migrations to apply after restore."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = {(app, name) for app, names in state.items() for name in names}
    unknown = sorted(f"{app}.{name}" for app, name in in_backup - known)
    if unknown:
        raise BackupError(
            "This backup was taken by a newer version of Filet (migrations unknown here: "
            f"{', '.join(unknown[:5])}). Restore it with the version that took it."
        )
    return sorted(f"{app}.{name}" for app, name in known - in_backup)


def ensure_empty_database() -> None:
    tables = database.table_names()
    if not tables:
        return
    counts = database.row_counts()
    filled = [table for table, count in counts.items() if count]
    if filled:
        raise BackupError(
            f"The target database is not empty: {len(tables)} tables, {len(filled)} of them "
            f"with rows (first: {', '.join(filled[:5])}). Restore only into a newly "
            "created, empty database."
        )
    raise BackupError(
        f"The target database has no rows but already has {len(tables)} tables (was it "
        "migrated?). The backup brings its own tables: restore into a newly created database "
        "with no tables (do not run migrate first)."
    )


def _missing_library_files() -> list[str]:
    """Library files the restored database names but the storage lacks (a resource deleted
    while the backup was copying files)."""
    names: Iterator[str] = Resource.objects.values_list("stored_name", flat=True).iterator()
    return [name for name in names if not storage.path_of(name).is_file()]
