"""The plaintext inside a backup: a sequence of named entries, each streamed in blocks.

    entry := "E" + 2-byte length + JSON {"kind", "name"} + blocks + 4-byte zero
    block := 4-byte length + bytes
    end   := "Z"

The database dump's size is unknown until pg_dump finishes, hence blocks rather than tar.
"""

import hashlib
import json
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from filet.backups.crypto import BackupError

BLOCK = 256 * 1024
_NAME = struct.Struct(">H")
_LENGTH = struct.Struct(">I")


class Sink(Protocol):
    def write(self, data: bytes) -> None: ...


@dataclass(frozen=True)
class Written:
    size: int
    sha256: str


def measure(blocks: Iterable[bytes]) -> Written:
    digest, size = hashlib.sha256(), 0
    for block in blocks:
        digest.update(block)
        size += len(block)
    return Written(size, digest.hexdigest())


class ArchiveWriter:
    def __init__(self, sink: Sink) -> None:
        self._sink = sink

    def add(self, kind: str, name: str, blocks: Iterable[bytes]) -> Written:
        """Append one entry from an iterable of byte strings; return its size and SHA-256."""
        head = json.dumps({"kind": kind, "name": name}).encode()
        self._sink.write(b"E" + _NAME.pack(len(head)) + head)
        digest, size = hashlib.sha256(), 0
        for block in blocks:
            for start in range(0, len(block), BLOCK):
                piece = block[start : start + BLOCK]
                self._sink.write(_LENGTH.pack(len(piece)) + piece)
                digest.update(piece)
                size += len(piece)
        self._sink.write(_LENGTH.pack(0))
        return Written(size, digest.hexdigest())

    def finish(self) -> None:
        self._sink.write(b"Z")


class _Bytes:
    """Exact reads over an iterator of chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._buffer = chunks, bytearray()

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                raise BackupError("The backup ends in the middle of an entry.")
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def at_end(self) -> bool:
        return not self._buffer and next(self._chunks, None) is None


@dataclass
class Entry:
    kind: str
    name: str
    _source: _Bytes
    _done: bool = False

    def blocks(self) -> Iterator[bytes]:
        """The entry's bytes; must be consumed (or skip() called) before the next entry."""
        while True:
            (length,) = _LENGTH.unpack(self._source.read(_LENGTH.size))
            if length == 0:
                self._done = True
                return
            yield self._source.read(length)

    def skip(self) -> None:
        if not self._done:
            for _block in self.blocks():
                pass


def entries(chunks: Iterator[bytes]) -> Iterator[Entry]:
    """Read entries in order; the caller reads or skips each before asking for the next."""
    source = _Bytes(chunks)
    while True:
        marker = source.read(1)
        if marker == b"Z":
            if not source.at_end():
                raise BackupError("The backup holds data after its end mark.")
            return
        if marker != b"E":
            raise BackupError("The backup's content is malformed.")
        (length,) = _NAME.unpack(source.read(_NAME.size))
        head: dict[str, Any] = json.loads(source.read(length))
        entry = Entry(str(head["kind"]), str(head["name"]), source)
        yield entry
        entry.skip()
