"""Backup → restore into a newly created database, on the engine the suite runs on."""

import pytest
from django.core.management import call_command
from django.db import connection

from filet.audit.actions import record
from filet.audit.models import AuditEntry
from filet.backups import crypto
from filet.resources import demo as resources_demo
from filet.resources.models import Resource
from tests.backups import scratch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def library(personas, storage):
    """Organisations, people, audit entries and the demo library's files on disk."""
    organisations = {"table": personas.table, "dpj": personas.org_a, "central": personas.org_b}
    resources_demo.load(organisations, coordinator=personas.coordinator)
    record(personas.coordinator, "situation.viewed", personas.org_a, organisation=personas.org_a)
    return personas


def test_restore_brings_back_the_same_rows_files_and_a_verifying_chain(
    library, storage, key, target, tmp_path, monkeypatch, capsys
):
    # Small chunks, so that this backup spans many of them.
    monkeypatch.setattr(crypto, "CHUNK", 16 * 1024)
    source = scratch.source()
    before = source.counts()
    fingerprints = {table: source.fingerprint(table) for table in scratch.CHECKED_TABLES}
    files = scratch.stored_files(storage)
    backup = tmp_path / "filet.backup"

    call_command("backup", str(backup))

    assert f"{len(files)} files" in capsys.readouterr().out
    assert len(files) == 6
    restored_files = tmp_path / "restored-files"
    result = scratch.run_restore(backup, target, restored_files, key)
    assert result.returncode == 0, result.stderr
    entries = AuditEntry.objects.count()
    assert f"audit chain OK: {entries} entries, head #{entries}" in result.stdout
    assert "Row counts match the manifest for every table." in result.stdout
    assert target.counts() == before
    assert {t: target.fingerprint(t) for t in scratch.CHECKED_TABLES} == fingerprints
    assert scratch.stored_files(restored_files) == files
    _reveals_nothing_in_clear(backup, storage)


def _reveals_nothing_in_clear(backup, storage):
    content = backup.read_bytes()
    some_file = next(path for path in storage.rglob("*") if path.is_file())
    assert b"coordinator@test.example" not in content
    assert some_file.read_bytes()[:200] not in content
    assert some_file.name.encode() not in content
    assert backup.stat().st_mode & 0o777 == 0o600


def test_restore_says_so_when_the_chain_is_broken_or_a_library_file_is_missing(
    library, storage, key, target, tmp_path
):
    # What the backup faithfully carries, the restore must report: an entry removed behind
    # the application's back, and a file deleted from the storage.
    removed = AuditEntry.objects.order_by("seq")[1].seq
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_no_delete")
        AuditEntry.objects.filter(seq=removed).delete()
        if postgresql:
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_no_delete")
    lost = Resource.objects.order_by("pk").first()
    (storage / "resources" / lost.stored_name).unlink()
    backup = tmp_path / "filet.backup"
    call_command("backup", str(backup))

    result = scratch.run_restore(backup, target, tmp_path / "restored-files", key)

    assert result.returncode == 1
    assert f"audit chain BROKEN at entry #{removed + 1} (missing entry)" in result.stderr
    assert f"library file missing: {lost.stored_name}" in result.stderr
    assert target.counts()["audit_auditentry"] == AuditEntry.objects.count()


def test_a_restore_forgets_what_the_caches_held():
    """Cached reports and counters describe the database before the restore."""
    from django.core.cache import cache

    from filet.backups.actions import _forget_cached_pages

    cache.set("training-coverage", "before the restore")
    _forget_cached_pages()
    assert cache.get("training-coverage") is None
