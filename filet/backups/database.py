"""The database half of a backup: one consistent snapshot out, one restore in.

PostgreSQL: a REPEATABLE READ transaction exports its snapshot; pg_dump (custom format)
dumps exactly that snapshot while the same transaction counts the rows, so the manifest and
the dump describe the same instant. SQLite: the online backup API copies the file page by
page into a private temporary folder; the counts are read from that copy.

This is the reviewed module for the raw SQL backups need: table names come from the
database's own catalogue and are quoted, never from input.
"""

import os
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump and pg_restore, argument lists, no shell
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import psycopg
from django.db import OperationalError, connection

from filet.backups.crypto import BackupError
from filet.backups.files import READ_SIZE, file_blocks


@dataclass
class Snapshot:
    engine: str
    blocks: Iterator[bytes]
    row_counts: dict[str, int]
    migrations: dict[str, list[str]]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fetch(cursor: Any, statement: str) -> list[tuple[Any, ...]]:
    """The one place backups run SQL: constant statements, or table names read from the
    database's own catalogue and quoted."""
    # nosemgrep: raw-sql — reviewed: catalogue queries, snapshot export and row counts
    cursor.execute(statement)
    return list(cursor.fetchall())


def _count_rows(cursor: Any, tables: Iterable[str]) -> dict[str, int]:
    return {
        table: int(_fetch(cursor, f"SELECT count(*) FROM {_quote(table)}")[0][0])  # noqa: S608  # nosec B608  # catalogue name, quoted
        for table in tables
    }


def _migrations(cursor: Any) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in _fetch(cursor, "SELECT app, name FROM django_migrations ORDER BY app, name"):
        state.setdefault(app, []).append(name)
    return state


# --- Taking the snapshot ----------------------------------------------------------------


@contextmanager
def snapshot() -> Iterator[Snapshot]:
    if connection.vendor == "postgresql":
        with _postgresql_snapshot(connection.settings_dict) as taken:
            yield taken
    elif connection.vendor == "sqlite":
        with _sqlite_snapshot(Path(connection.settings_dict["NAME"])) as taken:
            yield taken
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def _pg_connect(settings: dict[str, Any]) -> psycopg.Connection[Any]:
    params = {
        "dbname": settings["NAME"],
        "user": settings.get("USER"),
        "password": settings.get("PASSWORD"),
        "host": settings.get("HOST"),
        "port": str(settings.get("PORT") or ""),
    }
    try:
        return psycopg.connect(**{key: value for key, value in params.items() if value})
    except psycopg.OperationalError as error:
        raise BackupError(f"Cannot reach the database: {error}".strip()) from error


def _pg_command(program: str, settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    binary = shutil.which(program)
    if binary is None:
        raise BackupError(f"{program} is not installed on this machine (PostgreSQL client).")
    command = [binary, "--dbname", settings["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command += [option, str(settings[key])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return command, env


@contextmanager
def _postgresql_snapshot(settings: dict[str, Any]) -> Iterator[Snapshot]:
    with _pg_connect(settings) as pg:
        pg.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        pg.read_only = True
        with pg.cursor() as cursor:
            snapshot_id = _fetch(cursor, "SELECT pg_export_snapshot()")[0][0]
            tables = _fetch(
                cursor, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
            counts = _count_rows(cursor, sorted(row[0] for row in tables))
            migrations = _migrations(cursor)
        command, env = _pg_command("pg_dump", settings)
        command += ["--format=custom", f"--snapshot={snapshot_id}"]
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(  # noqa: S603  # nosec B603  # fixed program, no shell
                command, stdout=subprocess.PIPE, stderr=errors, env=env
            )
            taken = Snapshot("postgresql", _drain(process, errors, "pg_dump"), counts, migrations)
            try:
                yield taken
            finally:
                if process.poll() is None:
                    process.kill()
                process.wait()


def _drain(process: subprocess.Popen[bytes], errors: IO[bytes], program: str) -> Iterator[bytes]:
    stdout = cast(IO[bytes], process.stdout)  # Popen(stdout=PIPE)
    while block := stdout.read(READ_SIZE):
        yield block
    if process.wait() != 0:
        errors.seek(0)
        message = errors.read().decode(errors="replace").strip()
        raise BackupError(f"{program} failed: {message}")


@contextmanager
def _sqlite_snapshot(source: Path) -> Iterator[Snapshot]:
    if not source.is_file():
        raise BackupError(f"The SQLite database {source} does not exist.")
    folder = Path(tempfile.mkdtemp(prefix="filet-backup-"))  # mode 0700
    try:
        copy = folder / "database.sqlite3"
        origin = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            origin.backup(target)
            cursor = target.cursor()
            tables = _fetch(
                cursor,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            counts = _count_rows(cursor, sorted(row[0] for row in tables))
            migrations = _migrations(cursor)
        finally:
            origin.close()
            target.close()
        yield Snapshot("sqlite", file_blocks(copy), counts, migrations)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- Restoring ----------------------------------------------------------------------------


def table_names() -> list[str]:
    try:
        with connection.cursor() as cursor:
            return sorted(connection.introspection.table_names(cursor))
    except OperationalError as error:
        raise BackupError(f"Cannot reach the target database: {error}".strip()) from error


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _count_rows(cursor, table_names())


def restore(engine: str, blocks: Iterator[bytes]) -> None:
    """Load a dump into the (empty, checked by the caller) default database."""
    settings = connection.settings_dict
    connection.close()
    if engine == "postgresql":
        _pg_restore(settings, blocks)
    else:
        _sqlite_restore(Path(settings["NAME"]), blocks)


def _pg_restore(settings: dict[str, Any], blocks: Iterator[bytes]) -> None:
    # One transaction: any error leaves the target as empty as it was. The audit log's
    # triggers refuse UPDATE and DELETE only; pg_restore creates them after loading the rows.
    command, env = _pg_command("pg_restore", settings)
    command += ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603  # nosec B603  # fixed program, no shell
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        stdin = cast(IO[bytes], process.stdin)  # Popen(stdin=PIPE)
        try:
            for block in blocks:
                stdin.write(block)
            stdin.close()
        except BrokenPipeError:
            pass  # pg_restore stopped early; its exit status and message say why
        except BaseException:
            process.kill()
            process.wait()
            raise
        if process.wait() != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise BackupError(f"pg_restore failed, nothing was restored: {message}")


def _sqlite_restore(target: Path, blocks: Iterator[bytes]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="filet-restore-", dir=target.parent))
    try:
        copy = folder / "database.sqlite3"
        with copy.open("xb") as handle:
            for block in blocks:
                handle.write(block)
        origin, destination = sqlite3.connect(copy), sqlite3.connect(target)
        try:
            origin.backup(destination)
        finally:
            origin.close()
            destination.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
