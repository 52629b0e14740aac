"""The issue's "done when": a backup taken from the demo data restores into an empty
database (PostgreSQL when the suite runs on it, SQLite otherwise) with the same rows and a
verifying audit chain."""

import io

import pytest
from django.core.management import call_command

from filet.audit.actions import verify_chain
from filet.audit.models import AuditEntry
from tests.backups import scratch

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_of_the_demo_data_restores_with_the_same_rows_and_chain(
    storage, key, target, tmp_path
):
    call_command("seed_demo", stdout=io.StringIO())
    assert verify_chain().ok
    source = scratch.source()
    before = source.counts()
    fingerprints = {table: source.fingerprint(table) for table in scratch.CHECKED_TABLES}
    files = scratch.stored_files(storage)
    backup = tmp_path / "demo.backup"

    call_command("backup", str(backup))
    result = scratch.run_restore(backup, target, tmp_path / "restored-files", key)

    assert result.returncode == 0, result.stderr
    entries = AuditEntry.objects.count()
    assert before["audit_auditentry"] == entries
    assert f"audit chain OK: {entries} entries, head #{entries}" in result.stdout
    assert target.counts() == before
    assert {t: target.fingerprint(t) for t in scratch.CHECKED_TABLES} == fingerprints
    assert scratch.stored_files(tmp_path / "restored-files") == files
    assert len(files) == 6
