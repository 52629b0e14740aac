"""Authenticated encryption of a backup, as a stream of AES-256-GCM chunks.

Layout: a header (magic, format, random salt, key check), then chunks, each a 4-byte length
and a ciphertext. Each backup gets its own data key (HKDF of the operator's key with the
salt), so chunk nonces can simply count. The last chunk carries a final flag in its nonce
and every chunk authenticates the header: a truncated, reordered, spliced or edited file
fails to decrypt, and a wrong key is named before anything else is tried.
"""

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_VARIABLE = "FILET_BACKUP_KEY"
MAGIC = b"FILETBAK"
FORMAT = 1
CHUNK = 1024 * 1024
_TAG = 16
_HEADER = struct.Struct(">8sB16s16s")
_LENGTH = struct.Struct(">I")


class BackupError(Exception):
    """Anything that stops a backup or a restore, worded for the operator."""


def key_from_environment() -> bytes:
    """The operator's key: 32 random bytes, URL-safe base64, only ever read from the
    environment (never a setting, never written beside a backup)."""
    text = os.environ.get(KEY_VARIABLE, "").strip()
    if not text:
        raise BackupError(
            f"{KEY_VARIABLE} is not set: backups are always encrypted. Generate a key once with "
            '`python -c "import base64, secrets; '
            'print(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())"`, '
            "keep it in your secret store, away from the backups."
        )
    try:
        key = base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, binascii.Error) as error:
        raise BackupError(f"{KEY_VARIABLE} is not valid URL-safe base64.") from error
    if len(key) != 32:
        raise BackupError(f"{KEY_VARIABLE} must decode to 32 bytes (it gives {len(key)}).")
    return key


def _key_check(key: bytes, salt: bytes) -> bytes:
    return hmac.new(key, b"filet-backup key check" + salt, hashlib.sha256).digest()[:16]


def _data_key(key: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"filet-backup data v1")
    return AESGCM(hkdf.derive(key))


def _nonce(counter: int, final: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class EncryptedWriter:
    """A write-only stream that encrypts what it is given, one chunk at a time."""

    def __init__(self, raw: BinaryIO, key: bytes) -> None:
        salt = secrets.token_bytes(16)
        self._header = _HEADER.pack(MAGIC, FORMAT, salt, _key_check(key, salt))
        self._aead = _data_key(key, salt)
        self._raw, self._buffer, self._counter = raw, bytearray(), 0
        raw.write(self._header)

    def write(self, data: bytes) -> None:
        self._buffer += data
        # Keep the tail back: only close() knows which chunk is the last.
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]

    def close(self) -> None:
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()

    def _emit(self, plain: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._counter, final), plain, self._header)
        self._raw.write(_LENGTH.pack(len(sealed)) + sealed)
        self._counter += 1


def decrypted_chunks(raw: BinaryIO, key: bytes) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk; raise BackupError at the first doubt."""
    header = raw.read(_HEADER.size)
    if len(header) != _HEADER.size or header[:8] != MAGIC:
        raise BackupError("This file is not a Filet backup.")
    _magic, version, salt, check = _HEADER.unpack(header)
    if version != FORMAT:
        raise BackupError(f"Backup format {version} is not supported (this Filet reads {FORMAT}).")
    if not hmac.compare_digest(check, _key_check(key, salt)):
        raise BackupError(f"Wrong key: this backup was not made with this {KEY_VARIABLE}.")
    aead, counter = _data_key(key, salt), 0
    sealed = _read_sealed(raw, counter)
    while sealed is not None:
        following = _read_sealed(raw, counter + 1)
        try:
            yield aead.decrypt(_nonce(counter, following is None), sealed, header)
        except InvalidTag as error:
            raise BackupError(
                f"The backup is damaged or was altered (chunk {counter} does not authenticate)."
            ) from error
        sealed, counter = following, counter + 1


def _read_sealed(raw: BinaryIO, counter: int) -> bytes | None:
    prefix = raw.read(_LENGTH.size)
    if not prefix:
        if counter == 0:
            raise BackupError("The backup is damaged or was altered (it holds no data).")
        return None
    (length,) = _LENGTH.unpack(prefix) if len(prefix) == _LENGTH.size else (-1,)
    if not _TAG <= length <= CHUNK + _TAG:
        raise BackupError(f"The backup is damaged or was altered (chunk {counter} is malformed).")
    sealed = raw.read(length)
    if len(sealed) != length:
        raise BackupError(f"The backup is damaged or was altered (chunk {counter} is cut short).")
    return sealed
