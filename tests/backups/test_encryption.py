"""The encrypted container and the manifest check, without a database."""

import io
import json

import pytest

from filet.backups import crypto
from filet.backups.actions import verify_backup
from filet.backups.archive import ArchiveWriter, entries
from filet.backups.crypto import BackupError, EncryptedWriter, decrypted_chunks
from tests.backups.conftest import new_key

KEY = bytes(range(32))


def sealed(plain: bytes, key: bytes = KEY) -> bytes:
    raw = io.BytesIO()
    writer = EncryptedWriter(raw, key)
    writer.write(plain)
    writer.close()
    return raw.getvalue()


def opened(data: bytes, key: bytes = KEY) -> bytes:
    return b"".join(decrypted_chunks(io.BytesIO(data), key))


def chunks_of(data: bytes) -> tuple[bytes, list[bytes]]:
    header, rest, found = data[:41], data[41:], []
    while rest:
        length = int.from_bytes(rest[:4], "big")
        found.append(rest[: 4 + length])
        rest = rest[4 + length :]
    return header, found


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(crypto, "CHUNK", 64)


def test_what_goes_in_comes_out_across_many_chunks(small_chunks):
    plain = bytes(range(256)) * 10
    data = sealed(plain)
    assert len(chunks_of(data)[1]) == 40  # 2560 bytes: the last 64 form the final chunk
    assert opened(data) == plain


def test_an_empty_stream_still_has_an_authenticated_final_chunk():
    assert opened(sealed(b"")) == b""
    with pytest.raises(BackupError, match="it holds no data"):
        opened(sealed(b"")[:41])


def test_a_wrong_key_is_named_as_such():
    with pytest.raises(BackupError, match="Wrong key"):
        opened(sealed(b"secret"), key=bytes(32))


@pytest.mark.parametrize(
    "damage",
    [
        lambda h, c: h + b"".join(c[:-1]),  # last chunk removed
        lambda h, c: h + c[1] + c[0] + b"".join(c[2:]),  # two chunks swapped
        lambda h, c: h + b"".join(c) + c[-1],  # a chunk repeated
        lambda h, c: h + b"".join(c)[:-1],  # cut short
    ],
    ids=["truncated", "reordered", "repeated", "cut-short"],
)
def test_any_rearrangement_of_chunks_is_refused(small_chunks, damage):
    header, chunks = chunks_of(sealed(bytes(640)))
    with pytest.raises(BackupError, match="damaged or was altered"):
        opened(damage(header, chunks))


def test_a_flipped_bit_anywhere_is_refused(small_chunks):
    data = sealed(bytes(300))
    for position in range(41, len(data), 7):
        altered = bytearray(data)
        altered[position] ^= 0x40
        with pytest.raises(BackupError):
            opened(bytes(altered))


def test_the_salt_and_the_key_check_are_authenticated():
    data = bytearray(sealed(b"secret"))
    data[12] ^= 0x01  # in the salt
    with pytest.raises(BackupError, match="Wrong key"):
        opened(bytes(data))


def test_a_file_that_is_not_a_backup_is_named_as_such():
    with pytest.raises(BackupError, match="not a Filet backup"):
        opened(b"SQLite format 3\x00" + bytes(100))


def _backup_with(manifest_files, actual_files) -> bytes:
    raw = io.BytesIO()
    sink = EncryptedWriter(raw, KEY)
    archive = ArchiveWriter(sink)
    dump = archive.add("database", "database.sqlite3", [b"tables"])
    for name, content in actual_files.items():
        archive.add("file", name, [content])
    manifest = {
        "format": 1,
        "database": {"engine": "sqlite", "name": "database.sqlite3"}
        | {"size": dump.size, "sha256": dump.sha256},
        "files": manifest_files,
    }
    archive.add("manifest", "manifest.json", [json.dumps(manifest).encode()])
    archive.finish()
    sink.close()
    return raw.getvalue()


def test_content_that_does_not_match_the_manifest_is_refused_even_with_the_right_key():
    listed = [{"name": "a.pdf", "size": 3, "sha256": "0" * 64}]
    data = _backup_with(listed, {"a.pdf": b"abc"})
    with pytest.raises(BackupError, match="does not match its manifest"):
        verify_backup(io.BytesIO(data), key=KEY)


def test_a_manifest_that_matches_is_returned():
    import hashlib

    listed = [{"name": "a.pdf", "size": 3, "sha256": hashlib.sha256(b"abc").hexdigest()}]
    data = _backup_with(listed, {"a.pdf": b"abc"})
    assert verify_backup(io.BytesIO(data), key=KEY)["files"] == listed
    assert [e.name for e in entries(decrypted_chunks(io.BytesIO(data), KEY))] == [
        "database.sqlite3",
        "a.pdf",
        "manifest.json",
    ]


def test_the_key_comes_only_from_the_environment(monkeypatch):
    monkeypatch.delenv("FILET_BACKUP_KEY", raising=False)
    with pytest.raises(BackupError, match="FILET_BACKUP_KEY is not set"):
        crypto.key_from_environment()
    monkeypatch.setenv("FILET_BACKUP_KEY", "not base64 at all!")
    with pytest.raises(BackupError, match="not valid URL-safe base64"):
        crypto.key_from_environment()
    monkeypatch.setenv("FILET_BACKUP_KEY", "c2hvcnQ=")
    with pytest.raises(BackupError, match="must decode to 32 bytes"):
        crypto.key_from_environment()
    good = new_key()
    monkeypatch.setenv("FILET_BACKUP_KEY", good)
    assert len(crypto.key_from_environment()) == 32
