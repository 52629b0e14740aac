"""A backup streams: a stored file much larger than the memory it may use goes through."""

import os
import tracemalloc

import pytest
from django.core.management import call_command

from filet.backups.actions import verify_backup
from filet.backups.crypto import key_from_environment

MIB = 1024 * 1024


@pytest.mark.django_db
def test_backup_and_verification_hold_little_in_memory(storage, key, tmp_path):
    big = storage / "resources" / "big.bin"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:
        for _ in range(32):
            handle.write(os.urandom(MIB))
    backup = tmp_path / "big.backup"

    tracemalloc.start()
    try:
        call_command("backup", str(backup))
        backup_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        with backup.open("rb") as raw:
            manifest = verify_backup(raw, key=key_from_environment())
        verify_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert manifest["files"][0]["size"] == 32 * MIB
    assert backup.stat().st_size > 32 * MIB
    assert backup_peak < 8 * MIB
    assert verify_peak < 8 * MIB
