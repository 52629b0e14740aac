"""Tables as CSV or XLSX downloads: headers in the reader's language, every text cell
escaped against formula injection (SECURITY.md, ASVS 1.2.10)."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from filet.lib.spreadsheets import escape_cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([escape_cell(h) for h in headers])
    for row in rows:
        writer.writerow([escape_cell(value) for value in row])
    # A byte-order mark so that spreadsheet programs read the accents right.
    return ("\ufeff" + buffer.getvalue()).encode()


def to_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if sheet is None:
        raise RuntimeError("A new workbook always has one sheet.")
    sheet.title = title[:31]
    sheet.append([escape_cell(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([escape_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(
    file_format: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    name: str,
) -> HttpResponse:
    """The response carrying the table; `file_format` must be a key of FORMATS."""
    csv_wanted = file_format == "csv"
    content = to_csv(headers, rows) if csv_wanted else to_xlsx(title, headers, rows)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
