"""Reads the permission matrix out of docs/permissions.md: the document is the data."""

import re
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
ROW = re.compile(r"^\|\s*`(?P<name>[^`]+)`\s*\|(?P<rest>.*)\|\s*$")


@dataclass(frozen=True)
class Rule:
    url_name: str
    method: str
    expected: dict[str, str]


def _tables() -> tuple[list[str], list[list[str]], list[str]]:
    header: list[str] = []
    rows: list[list[str]] = []
    names: list[str] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| URL | Method |"):
            header = [cell.strip() for cell in line.strip("|").split("|")][2:]
        match = ROW.match(line)
        if match:
            names.append(match["name"])
            cells = [cell.strip() for cell in match["rest"].split("|")]
            if len(cells) > 2:
                rows.append([match["name"], *cells])
    return header, rows, names


def rules() -> list[Rule]:
    header, rows, _names = _tables()
    return [Rule(row[0], row[1], dict(zip(header, row[2:], strict=True))) for row in rows]


def documented_names() -> set[str]:
    return set(_tables()[2])
