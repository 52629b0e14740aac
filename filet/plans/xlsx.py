"""The plan as XLSX, and back. Exports: headers in the reader's language, every text cell
escaped against formula injection. Imports: every row is checked first; one bad row and
nothing is written, and each error names the file, the row and the column."""

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from filet.accounts.models import User
from filet.audit.actions import record
from filet.lib.spreadsheets import escape_cell as escape
from filet.organisations.models import Organisation
from filet.plans.actions import ActionInput, add_objective, create_action
from filet.plans.models import Plan
from filet.plans.rollup import PlanProgress

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
# Column order of both the export and the import (the import reads these positions).
COLUMNS = (
    "objective",
    "code",
    "title",
    "responsible",
    "partners",
    "start",
    "due",
    "status",
    "progress",
    "weight",
)


def headers() -> list[str]:
    return [
        _("Objective"),
        _("Code"),
        _("Action"),
        _("Responsible (acronyms)"),
        _("Partners (acronyms)"),
        _("Start"),
        _("Due"),
        _("Status"),
        _("Progress (%)"),
        _("Weight"),
    ]


def _acronyms(organisations: list[Organisation]) -> str:
    return ", ".join(o.acronym or o.name_fr for o in organisations)


def to_xlsx(progress: PlanProgress) -> bytes:
    book = Workbook()
    sheet = cast(Worksheet, book.active)
    sheet.title = _("Action plan")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for objective in progress.objectives:
        for a in objective.actions:
            sheet.append(
                [
                    escape(v)
                    for v in (
                        objective.objective.title,
                        a.code,
                        a.title,
                        _acronyms(a.responsible_list),
                        _acronyms(a.partner_list),
                        a.starts_on,
                        a.due_on,
                        str(a.get_status_display()),
                        a.progress,
                        a.weight,
                    )
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class RowError:
    file: str
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    rows: list[dict[str, Any]]
    errors: list[RowError]
    written: bool = False


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        return date.fromisoformat(value.strip())
    return None


def _organisations(text: Any, known: dict[str, Organisation]) -> list[Organisation]:
    names = [n.strip().lower() for n in str(text or "").split(",") if n.strip()]
    missing = [n for n in names if n not in known]
    if missing:
        raise ValueError(_("Unknown organisation: %(names)s") % {"names": ", ".join(missing)})
    return [known[n] for n in names]


def _known_organisations() -> dict[str, Organisation]:
    known: dict[str, Organisation] = {}
    for o in Organisation.objects.active():
        known[o.name_fr.lower()] = o
        if o.acronym:
            known[o.acronym.lower()] = o
    return known


def _parse_row(
    values: tuple[Any, ...], known: dict[str, Organisation]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    cells = dict(zip(COLUMNS, list(values) + [None] * len(COLUMNS), strict=False))
    row: dict[str, Any] = {
        "objective": str(cells["objective"] or "").strip(),
        "title": str(cells["title"] or "").strip(),
    }
    problems: list[tuple[str, str]] = []
    if not row["objective"]:
        problems.append((_("Objective"), _("This cell is required.")))
    if not row["title"]:
        problems.append((_("Action"), _("This cell is required.")))
    for key, label in (
        ("responsible", _("Responsible (acronyms)")),
        ("partners", _("Partners (acronyms)")),
    ):
        try:
            row[key] = _organisations(cells[key], known)
        except ValueError as error:
            problems.append((label, str(error)))
    if not row.get("responsible") and not any(
        p[0] == _("Responsible (acronyms)") for p in problems
    ):
        problems.append((_("Responsible (acronyms)"), _("This cell is required.")))
    for key, label in (("start", _("Start")), ("due", _("Due"))):
        try:
            row[key] = _date(cells[key])
        except ValueError:
            problems.append((label, _("Not a date (YYYY-MM-DD).")))
    if row.get("due") is None and not any(p[0] == _("Due") for p in problems):
        problems.append((_("Due"), _("This cell is required.")))
    if row.get("start") and row.get("due") and row["due"] < row["start"]:
        problems.append((_("Due"), _("The due date comes after the start.")))
    try:
        row["weight"] = 1 if cells["weight"] in (None, "") else int(cells["weight"])
        if row["weight"] < 1:
            raise ValueError
    except (TypeError, ValueError):
        problems.append((_("Weight"), _("A whole number of at least 1.")))
    return row, problems


def read_rows(name: str, content: bytes) -> ImportResult:
    """Parse and check every row; nothing is written here."""
    if len(content) > MAX_BYTES:
        return ImportResult([], [RowError(name, 0, "", _("The file is larger than 2 MB."))])
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        return ImportResult([], [RowError(name, 0, "", _("This is not an XLSX workbook."))])
    known = _known_organisations()
    rows, errors = [], []
    rows_in_file = cast(Worksheet, book.active).iter_rows(min_row=2, values_only=True)
    for number, values in enumerate(rows_in_file, start=2):
        if number > MAX_ROWS + 1:
            errors.append(RowError(name, number, "", _("Too many rows (2,000 at most).")))
            break
        if not any(v not in (None, "") for v in values):
            continue
        row, problems = _parse_row(values, known)
        errors.extend(RowError(name, number, column, message) for column, message in problems)
        rows.append(row)
    if not rows and not errors:
        errors.append(RowError(name, 0, "", _("The file holds no action.")))
    return ImportResult(rows, errors)


@transaction.atomic
def import_plan(plan: Plan, name: str, content: bytes, *, by: User, dry_run: bool) -> ImportResult:
    """Check the file; unless it is a dry run and if every row is good, add the objectives
    (by title) and actions to the plan, all in one transaction."""
    result = read_rows(name, content)
    if dry_run or result.errors:
        return result
    objectives = {o.title_fr: o for o in plan.objectives.all()}
    for row in result.rows:
        objective = objectives.get(row["objective"])
        if objective is None:
            objective = objectives[row["objective"]] = add_objective(
                plan, by=by, title_fr=row["objective"]
            )
        create_action(
            ActionInput(
                objective=objective,
                title_fr=row["title"],
                due_on=row["due"],
                responsible=row["responsible"],
                partners=row["partners"],
                starts_on=row["start"],
                weight=row["weight"],
            ),
            by=by,
        )
    record(by, "plan.imported", plan, file=name, rows=len(result.rows))
    result.written = True
    return result
