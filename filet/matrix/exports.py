"""The matrix as CSV and XLSX, headers in the reader's language. Every text cell is escaped
against formula injection (SECURITY.md, ASVS 1.2.10)."""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from filet.lib.spreadsheets import escape_cell as escape
from filet.matrix.grid import build_grid
from filet.matrix.snapshots import Snapshot

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def headers() -> list[str]:
    return [
        _("Partner"),
        _("Acronym"),
        _("Stage"),
        _("Responsibility"),
        _("Description"),
        _("Mandate"),
    ]


def cell_rows(snapshot: Snapshot) -> list[list[str]]:
    """One line per filled cell, in the active language, escaped."""
    grid = build_grid(snapshot)
    return [
        [
            str(escape(value))
            for value in (
                row.name,
                row.acronym,
                entry.column.label,
                entry.label,
                entry.description,
                entry.mandate,
            )
        ]
        for row in grid.rows
        for entry in row.entries
        if entry.responsibility
    ]


def to_csv(snapshot: Snapshot) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    writer.writerows(cell_rows(snapshot))
    # The byte-order mark lets spreadsheet programs read the accents right.
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(snapshot: Snapshot) -> bytes:
    """Two sheets: the grid as on screen, then every cell with its description and mandate."""
    workbook = Workbook()
    grid_sheet = workbook.create_sheet(_("Matrix")[:31], 0)
    workbook.remove(workbook.worksheets[1])  # the empty default sheet
    grid = build_grid(snapshot)
    _append(grid_sheet, [_("Partner"), *(column.label for column in grid.columns)], bold=True)
    for row in grid.rows:
        _append(grid_sheet, [row.name, *(entry.label for entry in row.entries)])
    gaps_label = _("No lead")
    _append(grid_sheet, [_("Gaps"), *(gaps_label if not c.has_lead else "" for c in grid.columns)])
    cells_sheet = workbook.create_sheet(_("Cells")[:31])
    _append(cells_sheet, headers(), bold=True)
    for values in cell_rows(snapshot):
        cells_sheet.append(values)
    for sheet in (grid_sheet, cells_sheet):
        sheet.freeze_panes = "B2"
        sheet.column_dimensions["A"].width = 45
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _append(sheet: Worksheet, values: Iterable[object], *, bold: bool = False) -> None:
    sheet.append([escape(value) for value in values])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
