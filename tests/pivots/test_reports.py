"""The management report matches what the pivots recorded, with counts of people under 5
shown as "< 5" (and one more hidden so totals cannot reveal them)."""

import io
import uuid
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from filet.audit.models import AuditEntry
from filet.pivots import actions
from filet.pivots.models import Level
from filet.pivots.reports import Quarter
from tests.conftest import login, make_person
from tests.pivots.builders import designation

pytestmark = pytest.mark.django_db
NOW = "2026-08-20 10:00 -0400"


def _activity(p, day, audience, participants, minutes=60, kind="school", topics="Atelier"):
    return actions.record_activity(
        by=p.pivot, organisation=p.org_a, submission=uuid.uuid4(), held_on=day,
        milieu_type=kind, audience=audience, participants=participants,
        duration_minutes=minutes, topics=topics, material="",
    )  # fmt: skip


def _recorded(p):
    designation(p)
    backup = make_person("backup@test.example", p.org_a, "worker", mfa=False)
    designation(p, pivot=backup, level=Level.BACKUP)
    _activity(p, date(2026, 7, 3), "youths", 30, 90)
    _activity(p, date(2026, 7, 20), "youths", 12, 60, kind="group_home")
    _activity(p, date(2026, 8, 4), "parents", 9, 120)
    _activity(p, date(2026, 8, 11), "staff", 3, 45, topics="=HYPERLINK(1)")
    _activity(p, date(2026, 6, 30), "youths", 50)  # previous quarter
    outsider_pivot = make_person("bpivot@test.example", p.org_b, "pivot", mfa=False)
    actions.record_activity(
        by=outsider_pivot, organisation=p.org_b, submission=uuid.uuid4(), held_on=date(2026, 7, 5),
        milieu_type="school", audience="youths", participants=99, duration_minutes=10, topics="B",
    )  # fmt: skip


@time_machine.travel(NOW, tick=False)
def test_the_quarter_report_matches_what_the_pivots_recorded(client, personas):
    p = personas
    _recorded(p)
    login(client, p.manager)
    response = client.get(reverse("pivots:report", args=[p.org_a.pk]), {"quarter": "2026-Q3"})
    report = response.context["report"]
    assert response.status_code == 200
    assert (report.primaries, report.backups, report.minutes, report.hours) == (1, 1, 315, 5.2)
    assert [(r["key"], r["activities"], r["participants"]) for r in report.by_audience.rows] == [
        ("youths", 2, "42"),
        ("parents", 1, "< 5"),  # hidden so that staff's 3 cannot be subtracted back
        ("staff", 1, "< 5"),
    ]
    assert (report.by_audience.activities, report.by_audience.participants) == (4, "54")
    assert [(r["key"], r["activities"], r["participants"]) for r in report.by_milieu.rows] == [
        ("school", 3, "42"),
        ("group_home", 1, "12"),
    ]
    assert (report.observations, report.youths) == (0, "0")


@time_machine.travel(NOW, tick=False)
def test_the_previous_quarter_holds_only_its_own(client, personas):
    p = personas
    _recorded(p)
    login(client, p.representative)
    report = client.get(
        reverse("pivots:report", args=[p.org_a.pk]), {"quarter": "2026-Q2"}
    ).context["report"]
    assert [(r["activities"], r["participants"]) for r in report.by_audience.rows] == [(1, "50")]


@time_machine.travel(NOW, tick=False)
def test_the_xlsx_is_translated_escaped_and_audited(client, personas):
    p = personas
    _recorded(p)
    login(client, p.representative, reauthenticated=True)
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(
        reverse("pivots:report_export", args=[p.org_a.pk]), {"quarter": "2026-Q3"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Report to management", "Organisation A", "Q3 2026"]
    assert ["Audience", "Activities", "Participants"] in rows
    assert ["Staff", 1, "< 5"] in rows
    assert AuditEntry.objects.filter(action="pivot.report_exported").count() == 1


def test_text_cells_are_escaped():
    from filet.pivots.exports import escape

    assert (escape("=1+1"), escape("@x"), escape(7), escape("ok")) == ("'=1+1", "'@x", 7, "ok")


def test_the_export_asks_for_a_fresh_password(client, personas):
    login(client, personas.manager)
    response = client.get(reverse("pivots:report_export", args=[personas.org_a.pk]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="pivot.report_exported").count() == 0


@pytest.mark.parametrize("who", ["pivot", "worker", "outsider"])
def test_others_get_404(client, personas, who):
    login(client, personas.by_name(who))
    assert client.get(reverse("pivots:report", args=[personas.org_a.pk])).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_the_table_wide_report_for_the_coordinator(client, personas):
    p = personas
    _recorded(p)
    login(client, p.coordinator)
    response = client.get(reverse("pivots:table_report"), {"quarter": "2026-Q3"})
    rows = [
        (r.organisation.acronym, r.pivots, r.activities, r.participants)
        for r in response.context["rows"]
    ]
    assert rows == [("OA", 2, 4, "54"), ("OB", 0, 1, "99")]
    assert response.context["participants"] == "153"


def test_quarters():
    q = Quarter.parse("2026-Q1")
    assert (q.start, q.end, str(q.previous()), str(q.next())) == (
        date(2026, 1, 1),
        date(2026, 3, 31),
        "2025-Q4",
        "2026-Q2",
    )
    assert [str(x) for x in Quarter.recent(date(2026, 8, 20), 3)] == [
        "2026-Q3",
        "2026-Q2",
        "2026-Q1",
    ]
