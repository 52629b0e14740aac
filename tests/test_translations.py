"""Every user-facing string reaches French: each catalogue is complete, and no string of the
code or templates is missing from the catalogues (checked by extracting them afresh)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    [ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"]
    + list((ROOT / "filet").glob("*/locale/fr/LC_MESSAGES/django.po"))
)


def _statistics(path: Path) -> str:
    done = subprocess.run(  # noqa: S603
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stderr.strip()


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_fuzzy_or_untranslated_entry(catalogue):
    statistics = _statistics(catalogue)
    assert "fuzzy" not in statistics, statistics
    assert "untranslated" not in statistics, statistics
    assert "#, fuzzy\nmsgid" not in catalogue.read_text(encoding="utf-8")


def _msgids(po: Path) -> set[str]:
    """Each entry's msgid, multi-line ones joined (the header's empty msgid left out)."""
    ids = set()
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        text, reading = [], False
        for line in lines:
            if line.startswith("msgid "):
                reading = True
                text.append(line[len("msgid ") :].strip('"'))
            elif reading and line.startswith('"'):
                text.append(line.strip('"'))
            else:
                reading = False
        if "".join(text):
            ids.add("".join(text))
    return ids


def test_every_string_of_the_code_is_in_a_catalogue(tmp_path):
    """makemessages run on a copy of the sources, without settings so that it writes into the
    copy only: each msgid it finds is translated in the project's catalogue or its app's."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "locale", "migrations", "*.mo", "*.po")
    shutil.copytree(ROOT / "filet", copy / "filet", ignore=ignore)
    shutil.copytree(ROOT / "templates", copy / "templates", ignore=ignore)
    (copy / "locale").mkdir()
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-location", "-v", "0"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    known: set[str] = set()
    for catalogue in CATALOGUES:
        known |= _msgids(catalogue)
    extracted = _msgids(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    missing = sorted(extracted - known)
    assert not missing, f"{len(missing)} strings without French: {missing[:20]}"
