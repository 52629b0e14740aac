"""CSV and XLSX exports whose cells a spreadsheet will never run (SECURITY.md 1.2.10):
one escaped cell, or a whole table as a download."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    """Numbers stay numbers; text starting with a formula trigger gets a leading quote."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Whole tables as downloads: one header row, then data rows, every cell escaped above.

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark, so spreadsheets read the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_cell(h) for h in headers])
    writer.writerows([escape_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The table as a one-sheet workbook named `title`, its header row in bold."""
    workbook = Workbook()
    sheet = workbook.active
    if sheet is None:
        raise RuntimeError("A new workbook always has one sheet.")
    sheet.title = title[:31]  # the longest sheet name Excel accepts
    sheet.append([escape_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([escape_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_download(
    file_format: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    name: str,
) -> HttpResponse:
    """The response carrying the table; `file_format` must be a key of FORMATS."""
    content = to_csv(headers, rows) if file_format == "csv" else to_xlsx(title, headers, rows)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
