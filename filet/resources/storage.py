"""Private storage of the library's files: outside the web root (FILET_PRIVATE_STORAGE),
under generated names, read back only by the download view."""

import uuid
from pathlib import Path

from django.conf import settings


def root() -> Path:
    return Path(settings.FILET_PRIVATE_STORAGE) / "resources"


def path_of(stored_name: str) -> Path:
    return root() / stored_name


def save(data: bytes, extension: str) -> str:
    """Write the bytes under a new random name; return that name."""
    folder = root()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stored_name = f"{uuid.uuid4().hex}.{extension}"
    with open(folder / stored_name, "xb") as handle:
        handle.write(data)
    path_of(stored_name).chmod(0o600)
    return stored_name


def delete(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
