"""The coverage report as XLSX, headers in the reader's language, every cell escaped against
formula injection (SECURITY.md, ASVS 1.2.10)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from filet.lib.spreadsheets import escape_cell as escape
from filet.training.coverage import Coverage

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def headers() -> list[str]:
    return [
        _("Organisation"),
        _("Person"),
        _("Role"),
        _("Module"),
        _("Latest version"),
        _("Version completed"),
        _("Status"),
    ]


def rows(report: Coverage) -> list[list[object]]:
    return [
        [
            escape(line.organisation.name),
            escape(line.person.full_name),
            escape(line.role_label),
            escape(line.module.title),
            line.latest_number or "",
            line.completed_number or "",
            escape(line.status_label),
        ]
        for line in report.lines
    ]


def to_xlsx(report: Coverage) -> bytes:
    """Two sheets: one line per person and module, then the counts per organisation."""
    workbook = Workbook()
    sheet = workbook.create_sheet(_("Coverage")[:31])
    workbook.remove(workbook.worksheets[0])
    sheet.append(headers())
    for values in rows(report):
        sheet.append(values)
    counts = workbook.create_sheet(_("Per organisation")[:31])
    counts.append([_("Organisation"), _("People"), _("Current"), _("Not current")])
    for count in report.organisations:
        counts.append(
            [
                escape(count.organisation.name),
                count.people_count,
                count.current_count,
                count.not_current_count,
            ]
        )
    for each in (sheet, counts):
        for cell in each[1]:
            cell.font = Font(bold=True)
        each.freeze_panes = "A2"
        each.column_dimensions["A"].width = 40
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
