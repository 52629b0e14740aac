"""The overdue chain with time-machine: reminder, backup, representative, each once."""

from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from filet.audit.models import AuditEntry
from filet.consultations import actions
from filet.consultations.models import Consultation, Reminder, RoutingKind, Status
from filet.pivots.models import Level
from tests.conftest import make_person
from tests.consultations.builders import consultation, designation_of

pytestmark = pytest.mark.django_db
MONDAY = "2026-11-23 10:00 -0500"  # normal: due Wednesday 25 at 23:59:59


def _run() -> str:
    out = StringIO()
    call_command("consultation_reminders", stdout=out)
    return out.getvalue().strip()


def _line(reminded=0, backup=0, representative=0, closed=0) -> str:
    return (
        f"consultation_reminders: {reminded} reminded, {backup} to backup, "
        f"{representative} to representative, {closed} closed"
    )


def test_reminder_then_backup_then_representative_each_once(personas):
    p = personas
    backup = make_person("backup@test.example", p.org_a, "worker", mfa=False, language="en")
    designation_of(p, pivot=backup, level=Level.BACKUP)
    with time_machine.travel(MONDAY, tick=False):
        made = consultation(p)
    with time_machine.travel("2026-11-25 18:00 -0500", tick=False):
        assert _run() == _line()
    with time_machine.travel("2026-11-26 09:00 -0500", tick=False):
        mail.outbox.clear()
        assert _run() == _line(reminded=1)
        assert _run() == _line()
        assert [m.to for m in mail.outbox] == [[p.pivot.email]]
        assert "en retard" in mail.outbox[0].subject
    with time_machine.travel("2026-11-27 09:00 -0500", tick=False):
        mail.outbox.clear()
        assert _run() == _line(backup=1)
        assert _run() == _line()
        made.refresh_from_db()
        assert (made.assignee, made.status) == (backup, Status.NEW)
        assert sorted(m.to[0] for m in mail.outbox) == [backup.email, p.pivot.email]
        english = next(m for m in mail.outbox if m.to == [backup.email])
        assert english.subject == "[Filet] A consultation is waiting for you"
    with time_machine.travel("2026-11-28 09:00 -0500", tick=False):
        assert _run() == _line(representative=1)
        assert _run() == _line()
        made.refresh_from_db()
        assert (made.assignee, made.status) == (p.representative, Status.ESCALATED)
    assert list(made.routings.values_list("kind", flat=True)) == [
        RoutingKind.CHOSEN,
        RoutingKind.BACKUP,
        RoutingKind.OVERDUE_REPRESENTATIVE,
    ]
    assert Reminder.objects.filter(consultation=made).count() == 3
    actions_logged = AuditEntry.objects.filter(target_id=str(made.pk)).values_list(
        "action", flat=True
    )
    assert set(actions_logged) >= {
        "consultation.reminded",
        "consultation.routed_to_backup",
        "consultation.overdue_escalated",
    }


def test_without_a_backup_the_chain_goes_on_to_the_representative(personas):
    p = personas
    with time_machine.travel("2026-11-23 10:00 -0500", tick=False):
        made = consultation(p, urgency="urgent")  # due 23:59:59 the same day
    with time_machine.travel("2026-11-24 00:30 -0500", tick=False):
        assert _run() == _line(reminded=1)
    with time_machine.travel("2026-11-24 04:30 -0500", tick=False):
        assert _run() == _line(backup=1)
        made.refresh_from_db()
        assert made.assignee == p.pivot
    with time_machine.travel("2026-11-24 08:30 -0500", tick=False):
        assert _run() == _line(representative=1)
        made.refresh_from_db()
        assert made.assignee == p.representative


def test_an_answer_or_a_question_back_stops_the_chain(personas):
    p = personas
    with time_machine.travel(MONDAY, tick=False):
        made = consultation(p)
        made = actions.answer(
            made,
            by=p.pivot,
            version=made.version,
            text="Réponse.",
            submission=__import__("uuid").uuid4(),
        )
    with time_machine.travel("2026-11-30 09:00 -0500", tick=False):
        assert _run() == _line()
    assert Reminder.objects.count() == 0


def test_an_answer_left_unrated_for_a_month_closes(personas):
    p = personas
    with time_machine.travel(MONDAY, tick=False):
        made = consultation(p)
        actions.answer(
            made,
            by=p.pivot,
            version=made.version,
            text="Réponse.",
            submission=__import__("uuid").uuid4(),
        )
    with time_machine.travel("2026-12-24 10:00 -0500", tick=False):
        assert _run() == _line(closed=1)
        assert _run() == _line()
    assert Consultation.objects.get(pk=made.pk).status == Status.CLOSED
