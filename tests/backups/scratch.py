"""Scratch databases for restore tests, reached with plain DB-API connections (not Django's,
which stays on the test database), so that source and target are read the same way."""

import contextlib
import hashlib
import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection

CHECKED_TABLES = [
    "accounts_user",
    "organisations_organisation",
    "organisations_membership",
    "audit_auditentry",
    "audit_chainhead",
    "resources_resource",
]


@dataclass
class Database:
    """One database (the test database or a scratch target) on the test's engine."""

    vendor: str
    name: str
    settings: dict[str, Any]

    @contextlib.contextmanager
    def cursor(self) -> Iterator[Any]:
        if self.vendor == "sqlite":
            raw = sqlite3.connect(self.name)
            try:
                yield raw.cursor()
                raw.commit()
            finally:
                raw.close()
        else:
            with psycopg.connect(**_pg_params(self.settings, self.name), autocommit=True) as raw:
                yield raw.cursor()

    def tables(self) -> list[str]:
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            if self.vendor == "sqlite"
            else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )
        with self.cursor() as cursor:
            cursor.execute(query)
            return sorted(row[0] for row in cursor.fetchall())

    def counts(self) -> dict[str, int]:
        counts = {}
        with self.cursor() as cursor:
            for table in self.tables():
                cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 — catalogue name
                counts[table] = cursor.fetchone()[0]
        return counts

    def fingerprint(self, table: str) -> str:
        """SHA-256 of every row of the table, in primary-key order."""
        with self.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY id')  # noqa: S608 — fixed list
            return hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()

    @property
    def url(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.name}"
        s = self.settings
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{self.name}"


def _pg_params(settings_dict: dict[str, Any], name: str) -> dict[str, Any]:
    params = {
        "dbname": name,
        "user": settings_dict.get("USER"),
        "password": settings_dict.get("PASSWORD"),
        "host": settings_dict.get("HOST"),
        "port": str(settings_dict.get("PORT") or ""),
    }
    return {key: value for key, value in params.items() if value}


def source() -> Database:
    return Database(connection.vendor, connection.settings_dict["NAME"], connection.settings_dict)


@contextlib.contextmanager
def empty_database(tmp_path: Path) -> Iterator[Database]:
    """A newly created database with nothing in it, dropped afterwards."""
    current = connection.settings_dict
    if connection.vendor == "sqlite":
        yield Database("sqlite", str(tmp_path / "restored.sqlite3"), current)
        return
    name = f"filet_backups_restore_{secrets.token_hex(4)}"
    with psycopg.connect(**_pg_params(current, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database("postgresql", name, current)
    finally:
        with psycopg.connect(**_pg_params(current, "postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_restore(
    backup: Path, target: Database, storage: Path, key: str | None
) -> subprocess.CompletedProcess[str]:
    """`manage.py restore` as an operator runs it: another process, configured only by its
    environment, pointed at the target database and storage."""
    env = {k: v for k, v in os.environ.items() if k != "FILET_BACKUP_KEY"}
    env |= {"DATABASE_URL": target.url, "FILET_PRIVATE_STORAGE": str(storage)}
    if key is not None:
        env["FILET_BACKUP_KEY"] = key
    return subprocess.run(  # noqa: S603 — this interpreter, this project's manage.py
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "restore", str(backup)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def stored_files(root: Path) -> dict[str, str]:
    """Relative name → SHA-256 of every file under a storage folder."""
    return {
        path.relative_to(root).as_posix(): sha256(path.read_bytes())
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
