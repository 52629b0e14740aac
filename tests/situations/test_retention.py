"""Closed situations are destroyed after the retention period; de-identified counts stay."""

import pytest
import time_machine
from django.utils import timezone

from filet.audit.models import AuditEntry
from filet.lib.retention import all_rules
from filet.situations import actions
from filet.situations.models import Action, ClosedTally, Note, Participant, Situation
from filet.situations.retention import due, purge
from tests.situations.builders import action_of, joined, open_situation, partner

pytestmark = pytest.mark.django_db


def test_the_rule_is_declared_with_24_months_after_closure():
    rule = next(r for r in all_rules() if r.kind == "situations.situation")
    assert rule.default_months == 24


def test_purge_destroys_what_is_due_and_keeps_the_counts(personas):
    p = personas
    with time_machine.travel("2023-05-10 12:00 -0400", tick=False):
        old = open_situation(p)
        joined(old, p.pivot, partner("C"))
        action_of(old, p.pivot, organisation=p.org_a)
        actions.add_note(old, by=p.pivot, submission=__import__("uuid").uuid4(), text="Fait.")
        actions.close_situation(old, by=p.pivot, outcome="safer", reason="Relais pris.")
        alone = open_situation(p)
        actions.close_situation(alone, by=p.pivot, outcome="moved")
    with time_machine.travel("2025-01-10 12:00 -0500", tick=False):
        recent = open_situation(p)
        actions.close_situation(recent, by=p.pivot, outcome="safer")
        kept = open_situation(p)
    with time_machine.travel("2025-06-01 12:00 -0400", tick=False):
        cutoff = timezone.now() - timezone.timedelta(days=730)
        assert set(due(cutoff).values_list("pk", flat=True)) == {old.pk, alone.pk}
        assert purge(cutoff) == 2
    assert set(Situation.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}
    assert Action.objects.count() == Note.objects.count() == 0
    assert not Participant.objects.filter(situation__in=[old.pk, alone.pk]).exists()
    tallies = set(ClosedTally.objects.values_list("year", "outcome", "alone", "situations",
                                                  "actions"))  # fmt: skip
    assert tallies == {(2023, "safer", False, 1, 1), (2023, "moved", True, 1, 0)}
    assert AuditEntry.objects.filter(action="situation.purged").get().data["count"] == 2
