"""What restore refuses, before it writes anything. The backups here hold little (the test
database as migrations leave it): what is checked is the refusal, not the content."""

import pytest
from django.core.management import CommandError, call_command

from filet.backups import crypto
from tests.backups import scratch
from tests.backups.conftest import new_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_storage(storage):
    return storage


def test_a_wrong_key_is_refused_and_nothing_is_written(key, target, tmp_path):
    backup = tmp_path / "filet.backup"
    call_command("backup", str(backup))

    result = scratch.run_restore(backup, target, tmp_path / "restored-files", new_key())

    assert result.returncode == 1
    assert "Wrong key: this backup was not made with this FILET_BACKUP_KEY." in result.stderr
    assert target.tables() == []
    assert not (tmp_path / "restored-files").exists()


def test_a_backup_altered_near_its_end_is_refused_and_nothing_is_written(
    key, target, tmp_path, monkeypatch
):
    monkeypatch.setattr(crypto, "CHUNK", 16 * 1024)
    backup = tmp_path / "filet.backup"
    call_command("backup", str(backup))
    content = bytearray(backup.read_bytes())
    content[-40] ^= 0x01  # inside the last chunk: the database part before it is intact
    backup.write_bytes(content)

    result = scratch.run_restore(backup, target, tmp_path / "restored-files", key)

    assert result.returncode == 1
    assert "The backup is damaged or was altered (chunk" in result.stderr
    assert target.tables() == []
    assert not (tmp_path / "restored-files").exists()


def test_a_target_with_rows_is_refused_and_left_as_it_was(key, tmp_path):
    backup = tmp_path / "filet.backup"
    call_command("backup", str(backup))
    before = scratch.source().counts()

    # The test database itself is the target here: it holds the rows migrations put there.
    with pytest.raises(CommandError, match="The target database is not empty: "):
        call_command("restore", str(backup))

    assert scratch.source().counts() == before


def test_a_target_with_tables_but_no_rows_is_refused(key, target, tmp_path):
    backup = tmp_path / "filet.backup"
    call_command("backup", str(backup))
    with target.cursor() as cursor:
        cursor.execute("CREATE TABLE leftover (id integer)")

    result = scratch.run_restore(backup, target, tmp_path / "restored-files", key)

    assert result.returncode == 1
    assert "The target database has no rows but already has 1 tables" in result.stderr
    assert target.tables() == ["leftover"]


def test_a_file_storage_that_is_not_empty_is_refused(key, target, tmp_path):
    backup = tmp_path / "filet.backup"
    call_command("backup", str(backup))
    occupied = tmp_path / "occupied"
    (occupied / "resources").mkdir(parents=True)
    (occupied / "resources" / "other.pdf").write_bytes(b"%PDF-1.4 other")

    result = scratch.run_restore(backup, target, occupied, key)

    assert result.returncode == 1
    assert f"The file storage {occupied} already holds 1 file(s)" in result.stderr
    assert target.tables() == []
    assert scratch.stored_files(occupied) == {
        "resources/other.pdf": scratch.sha256(b"%PDF-1.4 other")
    }
