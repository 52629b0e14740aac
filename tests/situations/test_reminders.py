"""`manage.py situation_reminders`: the responsible person first, their representative a
week later, the coordinator a week after that — each once, in their language, with a link
and the code only."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from filet.situations.models import Reminder
from tests.situations.builders import action_of, joined, open_situation, partner

pytestmark = pytest.mark.django_db

SUMMARY = "Fugues répétées, cadeaux inexpliqués."
TITLE = "Rencontre à l'école avec la travailleuse de rue"


def _run() -> str:
    out = StringIO()
    call_command("situation_reminders", stdout=out)
    return out.getvalue().strip()


def _sent() -> list[tuple[str, str]]:
    sent = [(m.to[0], m.subject) for m in mail.outbox]
    mail.outbox.clear()
    return sent


def test_an_overdue_action_reminds_then_escalates_once_at_each_level(personas):
    p = personas
    c = partner("C")
    c.representative.language = "en"
    c.representative.save()
    with time_machine.travel("2026-03-02 09:00 -0500", tick=False):
        situation = open_situation(p, summary=SUMMARY)
        joined(situation, p.pivot, c)
        action_of(situation, p.pivot, title=TITLE, organisation=c.organisation, person=c.pivot,
                  due_on="2026-03-10")  # fmt: skip
        mail.outbox.clear()
    with time_machine.travel("2026-03-10 09:00 -0400", tick=False):
        assert _run() == "situation_reminders: 0 reminded, 0 to representatives, 0 to coordinators"
    with time_machine.travel("2026-03-11 09:00 -0400", tick=False):
        assert _run() == "situation_reminders: 1 reminded, 0 to representatives, 0 to coordinators"
        assert _sent() == [(c.pivot.email, "[Filet] Suivi du filet de sécurité à faire")]
        assert _run() == "situation_reminders: 0 reminded, 0 to representatives, 0 to coordinators"
        assert _sent() == []
    with time_machine.travel("2026-03-17 09:00 -0400", tick=False):
        assert _run() == "situation_reminders: 0 reminded, 1 to representatives, 0 to coordinators"
        assert _sent() == [(c.representative.email, "[Filet] Safety net: follow-up overdue")]
    with time_machine.travel("2026-03-24 09:00 -0400", tick=False):
        assert _run() == "situation_reminders: 0 reminded, 0 to representatives, 1 to coordinators"
        message = mail.outbox[0]
        assert message.to == [p.coordinator.email]
        assert situation.code in message.body
        assert SUMMARY not in message.body and TITLE not in message.body
        assert "/filet/mon-filet/" in message.body
        _sent()
        assert _run() == "situation_reminders: 0 reminded, 0 to representatives, 0 to coordinators"
    assert Reminder.objects.count() == 3


def test_a_passed_review_date_reminds_the_lead_organisation(personas):
    from filet.situations import actions

    p = personas
    with time_machine.travel("2026-03-02 09:00 -0500", tick=False):
        situation = open_situation(p)
        data = actions.data_of(
            situation, lead_organisation=p.org_a, next_review_on=date(2026, 3, 5)
        )
        actions.change_situation(situation, by=p.pivot, version=1, data=data)
        mail.outbox.clear()
    with time_machine.travel("2026-03-06 09:00 -0500", tick=False):
        assert _run() == "situation_reminders: 1 reminded, 0 to representatives, 0 to coordinators"
    assert [m.to for m in mail.outbox] == [[p.pivot.email]]


def test_a_done_action_or_a_closed_situation_is_not_reminded(personas):
    from filet.situations import actions

    p = personas
    with time_machine.travel("2026-03-02 09:00 -0500", tick=False):
        situation = open_situation(p)
        done = action_of(situation, p.pivot, organisation=p.org_a, due_on="2026-03-03")
        actions.update_action(done, by=p.pivot, status="done")
        other = open_situation(p)
        action_of(other, p.pivot, organisation=p.org_a, due_on="2026-03-03")
        actions.close_situation(other, by=p.pivot, outcome="safer", reason="Pris en charge.")
    with time_machine.travel("2026-04-02 09:00 -0400", tick=False):
        assert _run() == "situation_reminders: 0 reminded, 0 to representatives, 0 to coordinators"
