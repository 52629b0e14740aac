"""The report to management carries the safety net's follow-up indicators as counts only:
small counts hidden, never a situation's code or a consultation's text."""

import io

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from filet.pivots.followup import build
from filet.pivots.reports import Quarter
from tests.conftest import login
from tests.consultations.builders import answered
from tests.situations.builders import open_situation

pytestmark = pytest.mark.django_db
NOW = "2026-08-20 10:00 -0400"


def _net(p):
    situations = [open_situation(p) for _ in range(6)]
    consultation = answered(p, text="Notez les faits observés, sans interpréter.")
    return situations, consultation


@time_machine.travel(NOW, tick=False)
def test_counts_of_the_quarter_with_small_ones_hidden(personas):
    _net(personas)
    with translation.override("en"):
        rows = dict(build(Quarter(2026, 3), personas.org_a).rows)
    assert rows["Situations opened"] == "6"
    assert rows["Situations handled alone"] == "6"
    assert rows["Consultations received"] == "< 5"
    assert rows["Consultations answered"] == "< 5"
    # A median over fewer than five consultations would describe one of them.
    assert rows["Median time to first response"] == "—"


@time_machine.travel(NOW, tick=False)
def test_another_quarter_counts_nothing(personas):
    _net(personas)
    with translation.override("en"):
        rows = dict(build(Quarter(2026, 2), personas.org_a).rows)
    assert rows["Situations opened"] == "0"
    assert rows["Consultations received"] == "0"


@time_machine.travel(NOW, tick=False)
def test_the_page_and_the_export_show_counts_never_a_situation(client, personas):
    situations, consultation = _net(personas)
    login(client, personas.representative, reauthenticated=True)
    client.post(reverse("set_language"), {"language": "en"})
    url = reverse("pivots:report", args=[personas.org_a.pk]) + "?quarter=2026-Q3"
    page = client.get(url).content.decode()
    assert "Follow-up of the safety net" in page
    assert "Situations handled alone" in page
    exported = client.get(
        reverse("pivots:report_export", args=[personas.org_a.pk]) + "?quarter=2026-Q3"
    )
    assert exported.status_code == 200
    sheet = load_workbook(io.BytesIO(exported.content)).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Situations opened" in cells and "6" in cells
    for text in (page, " ".join(cells)):
        assert all(situation.code not in text for situation in situations)
        assert "faits observés" not in text


@time_machine.travel(NOW, tick=False)
def test_the_section_is_in_french_by_default(client, personas):
    _net(personas)
    login(client, personas.representative)
    url = reverse("pivots:report", args=[personas.org_a.pk]) + "?quarter=2026-Q3"
    page = client.get(url).content.decode()
    assert "Suivi du filet de sécurité" in page
