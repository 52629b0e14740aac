from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from filet.audit.models import AuditEntry
from filet.pivots.models import Designation
from tests.pivots.builders import designation

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    call_command("pivot_reminders", stdout=out)
    return out.getvalue().strip()


def test_a_year_without_confirmation_reminds_then_escalates_once(
    personas, django_capture_on_commit_callbacks
):
    p = personas
    with time_machine.travel("2025-03-01 09:00 -0500", tick=False):
        made = designation(p)
    with time_machine.travel("2026-03-02 09:00 -0500", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert _run() == "pivot_reminders: 1 reminded, 0 escalated"
        assert [m.to for m in mail.outbox] == [[p.representative.email]]
        assert "Pivot" in mail.outbox[0].body or "pivot" in mail.outbox[0].body
        assert _run() == "pivot_reminders: 0 reminded, 0 escalated"
    with time_machine.travel("2026-03-16 09:00 -0400", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert _run() == "pivot_reminders: 0 reminded, 1 escalated"
        assert mail.outbox[-1].to == [p.coordinator.email]
        assert _run() == "pivot_reminders: 0 reminded, 0 escalated"
    made.refresh_from_db()
    assert (made.reminder_sent_on, made.escalated_on) == (date(2026, 3, 2), date(2026, 3, 16))
    assert (
        AuditEntry.objects.filter(action__in=["pivot.reminder_sent", "pivot.escalated"]).count()
        == 2
    )


def test_confirming_resets_the_year(personas):
    p = personas
    with time_machine.travel("2025-03-01 09:00 -0500", tick=False):
        made = designation(p)
    with time_machine.travel("2026-03-02 09:00 -0500", tick=False):
        _run()
        from filet.pivots.actions import confirm_designation

        confirm_designation(made, by=p.representative)
        made.refresh_from_db()
        assert (made.confirmed_on, made.reminder_sent_on) == (date(2026, 3, 2), None)
        assert _run() == "pivot_reminders: 0 reminded, 0 escalated"
    assert made.confirmation_due_on() == date(2026, 3, 2) + timedelta(days=365)


def test_a_lapsed_designation_is_not_reminded(personas):
    p = personas
    with time_machine.travel("2025-03-01 09:00 -0500", tick=False):
        designation(p, valid_until=date(2025, 12, 31))
    with time_machine.travel("2026-03-02 09:00 -0500", tick=False):
        assert _run() == "pivot_reminders: 0 reminded, 0 escalated"
    assert Designation.objects.get().reminder_sent_on is None
