"""Reading a matrix snapshot (draft or adopted): the grid with its gaps, and the difference
between two snapshots. Plain Python over plain data: no query here."""

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from filet.matrix.models import ABBREVIATIONS, Responsibility, in_language
from filet.matrix.snapshots import Snapshot, cell_key

COMPARED_FIELDS = ("responsibility", "description_fr", "description_en", "mandate")


@dataclass(frozen=True)
class Column:
    id: int
    code: str
    label: str
    definition: str
    has_lead: bool


@dataclass(frozen=True)
class Entry:
    """One cell of the grid, with what it shows already in the reader's language: a page
    has some 400 cells, and looking a label up per cell was a good part of its time."""

    column: Column
    responsibility: str = ""
    description: str = ""
    mandate: str = ""
    label: str = ""
    abbreviation: str = ""

    @property
    def css_class(self) -> str:
        return f"resp resp-{self.responsibility}" if self.responsibility else "resp resp-none"


@dataclass(frozen=True)
class Row:
    organisation_id: int
    name: str
    acronym: str
    entries: list[Entry]


@dataclass(frozen=True)
class Grid:
    columns: list[Column]
    rows: list[Row]

    @property
    def gaps(self) -> list[Column]:
        """Stages no partner leads."""
        return [column for column in self.columns if not column.has_lead]


def _name(organisation: dict[str, Any]) -> str:
    return in_language(organisation["name_fr"], organisation["name_en"])


def build_grid(
    snapshot: Snapshot,
    *,
    organisation_ids: set[int] | None = None,
    stage_codes: set[str] | None = None,
) -> Grid:
    """Rows = partners, columns = stages; gaps are judged on the whole matrix, before
    the optional filters keep some rows or columns."""
    cells = {cell_key(cell): cell for cell in snapshot["cells"]}
    led = {cell["stage"] for cell in snapshot["cells"] if cell["responsibility"] == "lead"}
    columns = [
        Column(
            id=stage["id"],
            code=stage["code"],
            label=in_language(stage["label_fr"], stage["label_en"]),
            definition=in_language(stage["definition_fr"], stage["definition_en"]),
            has_lead=stage["code"] in led,
        )
        for stage in snapshot["stages"]
        if stage_codes is None or stage["code"] in stage_codes
    ]
    shown = _shown_responsibilities()
    rows = []
    for organisation in snapshot["organisations"]:
        if organisation_ids is not None and organisation["id"] not in organisation_ids:
            continue
        entries = [
            _entry(column, cells.get((organisation["id"], column.code)), shown)
            for column in columns
        ]
        rows.append(Row(organisation["id"], _name(organisation), organisation["acronym"], entries))
    rows.sort(key=lambda row: _sort_key(row.name))
    return Grid(columns, rows)


def partner_order(snapshot: Snapshot) -> list[int]:
    """The partners' ids in the grid's order, for paging it before building its rows."""
    names = {o["id"]: _sort_key(_name(o)) for o in snapshot["organisations"]}
    return sorted(names, key=names.__getitem__)


@lru_cache(maxsize=8192)  # names change rarely; a province sorts some 500 on every view
def _sort_key(name: str) -> str:
    # Alphabetical in the reader's language, accents ignored ("École" sorts with "E").
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _shown_responsibilities() -> dict[str, tuple[str, str]]:
    """Label and abbreviation of each responsibility in the active language, once per grid."""
    return {r.value: (str(r.label), str(ABBREVIATIONS[r])) for r in Responsibility}


def _entry(column: Column, cell: dict[str, Any] | None, shown: dict[str, tuple[str, str]]) -> Entry:
    if cell is None:
        return Entry(column)
    label, abbreviation = shown.get(cell["responsibility"], ("", ""))
    return Entry(
        column,
        cell["responsibility"],
        in_language(cell["description_fr"], cell["description_en"]),
        cell["mandate"],
        label,
        abbreviation,
    )


@dataclass(frozen=True)
class Change:
    """One cell that differs between two snapshots, labelled in the active language."""

    kind: str  # "added", "removed" or "changed"
    organisation: str
    stage: str
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)
    changed_fields: tuple[str, ...] = ()

    @property
    def responsibility_before(self) -> str:
        code = self.before.get("responsibility", "")
        return str(Responsibility(code).label) if code else ""

    @property
    def responsibility_after(self) -> str:
        code = self.after.get("responsibility", "")
        return str(Responsibility(code).label) if code else ""

    @property
    def description_before(self) -> str:
        return _description(self.before)

    @property
    def description_after(self) -> str:
        return _description(self.after)


def _description(cell: dict[str, str]) -> str:
    return in_language(cell.get("description_fr", ""), cell.get("description_en", ""))


def diff(old: Snapshot, new: Snapshot) -> list[Change]:
    """Cells added, removed or changed from `old` to `new`, by partner then stage."""
    names = {o["id"]: _name(o) for o in [*old["organisations"], *new["organisations"]]}
    stages = {s["code"]: s for s in [*old["stages"], *new["stages"]]}
    before = {cell_key(cell): cell for cell in old["cells"]}
    after = {cell_key(cell): cell for cell in new["cells"]}
    keys = sorted(
        before.keys() | after.keys(),
        key=lambda key: (names.get(key[0], ""), stages[key[1]]["order"], key[1]),
    )
    changes = []
    for key in keys:
        old_cell, new_cell = before.get(key), after.get(key)
        fields = tuple(
            name
            for name in COMPARED_FIELDS
            if (old_cell or {}).get(name, "") != (new_cell or {}).get(name, "")
        )
        if not fields:
            continue
        kind = "added" if old_cell is None else "removed" if new_cell is None else "changed"
        stage = stages[key[1]]
        changes.append(
            Change(
                kind=kind,
                organisation=names.get(key[0], str(key[0])),
                stage=in_language(stage["label_fr"], stage["label_en"]),
                before=_compared(old_cell),
                after=_compared(new_cell),
                changed_fields=fields if kind == "changed" else (),
            )
        )
    return changes


def _compared(cell: dict[str, Any] | None) -> dict[str, str]:
    return {name: cell.get(name, "") for name in COMPARED_FIELDS} if cell else {}
