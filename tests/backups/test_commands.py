"""What the commands refuse before touching any database."""

import pytest
from django.core.management import CommandError, call_command


def test_backup_without_a_key_is_refused_and_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.delenv("FILET_BACKUP_KEY", raising=False)
    with pytest.raises(CommandError, match="FILET_BACKUP_KEY is not set"):
        call_command("backup", str(tmp_path / "filet.backup"))
    assert list(tmp_path.iterdir()) == []


def test_restore_without_a_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.delenv("FILET_BACKUP_KEY", raising=False)
    backup = tmp_path / "filet.backup"
    backup.write_bytes(b"FILETBAK")
    with pytest.raises(CommandError, match="FILET_BACKUP_KEY is not set"):
        call_command("restore", str(backup))


def test_a_backup_never_overwrites_a_file(key, tmp_path):
    existing = tmp_path / "filet.backup"
    existing.write_bytes(b"yesterday")
    with pytest.raises(CommandError, match="already exists: a backup never overwrites a file"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filet.backup"]


def test_restore_of_a_missing_file_is_refused(key, tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "nothing.backup"))


def test_a_backup_into_a_missing_folder_says_so(key, tmp_path):
    with pytest.raises(CommandError, match="Cannot create .*: No such file or directory"):
        call_command("backup", str(tmp_path / "absent" / "filet.backup"))
