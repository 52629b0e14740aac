"""The stored files half of a backup: everything under FILET_PRIVATE_STORAGE (the library's
uploads), by relative name, with its SHA-256."""

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from django.conf import settings

from filet.backups.crypto import BackupError

READ_SIZE = 1024 * 1024


def root() -> Path:
    return Path(settings.FILET_PRIVATE_STORAGE)


def stored_names() -> list[str]:
    """Relative names of the regular files in the storage, in a stable order."""
    base = root()
    if not base.is_dir():
        return []
    found = []
    for folder, _dirs, names in os.walk(base):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(base).as_posix())
    return sorted(found)


def file_blocks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while block := handle.read(READ_SIZE):
            yield block


def read_blocks(name: str) -> Iterator[bytes]:
    return file_blocks(root() / name)


def ensure_empty() -> None:
    names = stored_names()
    if names:
        raise BackupError(
            f"The file storage {root()} already holds {len(names)} file(s): restore only into "
            "an empty storage folder (FILET_PRIVATE_STORAGE)."
        )


def safe_path(name: str) -> Path:
    """Where a file named in a backup goes; refuse any name that would leave the storage."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        raise BackupError(f"The backup names a file outside the storage: {name!r}.")
    return root().joinpath(*relative.parts)


def restore(name: str, blocks: Iterable[bytes], sha256: str) -> None:
    """Write one file under a temporary name and keep it only if its checksum matches."""
    path = safe_path(name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(path.name + ".restoring")
    digest = hashlib.sha256()
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for block in blocks:
            handle.write(block)
            digest.update(block)
    if digest.hexdigest() != sha256:
        partial.unlink()
        raise BackupError(f"The file {name} does not match its checksum in the manifest.")
    partial.rename(path)
