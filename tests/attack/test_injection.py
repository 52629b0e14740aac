"""Injection through every form Filet's pages offer (docs/permissions.md walked as each
persona allowed in): script, markup and template payloads in every text field, a `javascript:`
address in every URL field, and a spreadsheet formula at the start of the text.

Every answer, the page it leads to and then every page without arguments must show the
payloads escaped, never as markup; every CSV and XLSX export must neutralise the formulas
(a leading `'`, never a cell that starts with `= + - @`, a tab or a carriage return)."""

import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, resolve, reverse
from openpyxl import load_workbook

from filet.lib.spreadsheets import FORMULA_STARTS
from tests.access.matrix import rules
from tests.attack.crawl import Clients, FoundForm, Page, is_html, pages, pages_with_forms
from tests.attack.pages import Form, fill

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{7*7}}"
JAVASCRIPT_URL = "javascript:alert(1)//https://example.org"
FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]
MARK = "XSS"  # finds our text in exports
PAYLOADS = [SCRIPT, ATTRIBUTE, TEMPLATE, JAVASCRIPT_URL, *FORMULAS]

# Markup that must never reach a page as markup.
RAW = re.compile(r"<script>alert|<img src=x|(href|src|action)=[\"']?\s*javascript:", re.I)
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"


def text_for(index: int) -> str:
    return f"{FORMULAS[index % len(FORMULAS)]} {MARK} {SCRIPT}{ATTRIBUTE}{TEMPLATE}"


@dataclass
class Findings:
    failures: list[str] = field(default_factory=list)
    escaped_on: set[str] = field(default_factory=set)  # pages showing the payload escaped
    exports: Counter = field(default_factory=Counter)  # export → cells carrying our text

    def page(self, where: str, body: str) -> None:
        for match in RAW.finditer(body):
            self.failures.append(f"{where}: unescaped {match.group(0)!r}")
        if ESCAPED + TEMPLATE in body:  # escaped, and the template text kept literally
            self.escaped_on.add(where)

    def cells(self, where: str, values: list[object]) -> None:
        self.exports[where] += 0
        for value in values:
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                self.failures.append(f"{where}: formula cell {value[:40]!r}")
            if isinstance(value, str) and MARK in value:
                self.exports[where] += 1


def _xlsx_cells(content: bytes) -> list[object]:
    workbook = load_workbook(io.BytesIO(content))
    values: list[object] = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                # A formula cell would be executed by the spreadsheet.
                values.append("=formula" if cell.data_type == "f" else cell.value)
    return values


def _csv_cells(content: bytes) -> list[object]:
    return [v for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for v in row]


def _zip_cells(content: bytes) -> list[object]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [
            value
            for name in archive.namelist()
            if name.endswith(".csv")
            for value in _csv_cells(archive.read(name))
        ]


def inspect(where: str, response, findings: Findings) -> None:
    kind = response.get("Content-Type", "")
    if response.status_code >= 500:
        findings.failures.append(f"{where}: {response.status_code}")
    if "spreadsheetml" in kind:
        findings.cells(where, _xlsx_cells(response.content))
    elif kind.startswith("text/csv"):
        findings.cells(where, _csv_cells(response.content))
    elif kind.startswith("application/zip"):
        findings.cells(where, _zip_cells(response.content))
    elif is_html(response):
        findings.page(where, response.content.decode())


def _submit(clients: Clients, index: int, found: FoundForm, form: Form, findings: Findings):
    client = clients[found.persona]
    response = client.post(found.action, fill(form, text_for(index), JAVASCRIPT_URL))
    inspect(f"{found.url_name} (answer)", response, findings)
    if response.status_code == 302:
        inspect(
            f"{found.url_name} → {response['Location']}", client.get(response["Location"]), findings
        )
    return response.status_code


def _lists_and_exports() -> set[str]:
    """The pages that take no argument (lists, forms, reports) and every export."""
    names = set()
    for rule in rules():
        try:
            reverse(rule.url_name)
        except NoReverseMatch:
            if "export" not in rule.url_name:
                continue
        names.add(rule.url_name)
    return names


def _variants(page: Page) -> list[str]:
    """The page, and its other file formats for exports that take one."""
    kwargs = resolve(page.url).kwargs
    if "file_format" not in kwargs:
        return [page.url]
    return [reverse(page.url_name, kwargs={**kwargs, "file_format": f}) for f in ("csv", "xlsx")]


def test_every_form_renders_payloads_escaped_and_exports_neutralise_formulas(personas):
    clients = Clients(personas)
    findings = Findings()
    forms: dict[str, tuple[FoundForm, Form]] = {}
    for found, form in pages_with_forms(personas, clients):
        forms.setdefault(found.url_name, (found, form))
    outcomes = Counter(
        _submit(clients, index, found, form, findings)
        for index, (found, form) in enumerate(forms.values())
    )
    for page in pages(personas, only=_lists_and_exports()):
        for url in _variants(page):
            inspect(page.url_name, clients[page.persona].get(url), findings)

    assert findings.failures == []
    # The walk reached Filet's forms and saved through most of them...
    assert len(forms) >= 60 and outcomes[302] >= len(forms) // 2, outcomes
    # ...the main forms' text came back escaped...
    main = {
        "directory:profile_edit",
        "matrix:edit_cell",
        "meetings:create",
        "plans:objective_create",
        "watch:create",
        "resources:faq_create",
        "pivots:activity_create",
    }
    shown = {where.split(" ")[0] for where in findings.escaped_on}
    assert main <= shown, main - shown
    # ...and reached exports (each app's own export tests check its columns one by one).
    carrying = {export for export, cells in findings.exports.items() if cells}
    assert "matrix:export" in carrying and len(carrying) >= 3, findings.exports


def test_the_checks_see_markup_and_formulas():
    findings = Findings()
    findings.page("p", f"<p>{SCRIPT}</p><a href='javascript:alert(1)'>")
    findings.page("q", "<p>" + ESCAPED + TEMPLATE + "</p>")
    findings.cells("e", ['=HYPERLINK("x")', "'=1", "\t1", 5, f"'+1 {MARK}"])
    assert len(findings.failures) == 4
    assert findings.escaped_on == {"q"} and findings.exports["e"] == 1
