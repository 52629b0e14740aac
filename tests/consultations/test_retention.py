"""Purge after the retention period: closed consultations go, with their thread and
routings, and leave a de-identified tally; open ones stay; the rules are declared."""

from datetime import UTC, datetime

import pytest
import time_machine

from filet.audit.models import AuditEntry
from filet.consultations import actions
from filet.consultations.models import Consultation, Message, Routing, Tally
from filet.consultations.retention import RULES, due, purge
from filet.lib.classification import declared
from filet.lib.retention import all_rules
from tests.consultations.builders import answered, consultation

pytestmark = pytest.mark.django_db
CUTOFF = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_rule_is_declared_with_24_months_after_closure():
    assert [rule.kind for rule in all_rules() if rule.kind.startswith("consultations.")] == [
        "consultations.consultation"
    ]
    assert RULES[0].default_months == 24


def test_purge_destroys_what_closed_before_the_cutoff_and_keeps_a_tally(personas):
    p = personas
    with time_machine.travel("2025-06-10 10:00 -0400", tick=False):
        old = answered(p)
        actions.rate(old, by=p.worker, version=old.version, rating="useful", comment="")
        gone = consultation(p, urgency="urgent")
        actions.withdraw(gone, by=p.worker, version=gone.version)
        still_open = consultation(p)
    with time_machine.travel("2026-03-10 10:00 -0500", tick=False):
        recent = answered(p)
        actions.rate(recent, by=p.worker, version=recent.version, rating="useful", comment="")
    assert set(due(CUTOFF)) == {old, gone}
    assert purge(CUTOFF) == 2
    assert set(Consultation.objects.all()) == {still_open, recent}
    assert not Message.objects.filter(consultation_id__in=[old.pk, gone.pk]).exists()
    assert not Routing.objects.filter(consultation_id__in=[old.pk, gone.pk]).exists()
    tallies = sorted(
        Tally.objects.values_list("month", "organisation", "urgency", "outcome", "count")
    )
    assert tallies == [
        (datetime(2025, 6, 1).date(), p.org_a.pk, "normal", "closed", 1),
        (datetime(2025, 6, 1).date(), p.org_a.pk, "urgent", "withdrawn", 1),
    ]
    entry = AuditEntry.objects.get(action="consultation.purged")
    assert entry.data["count"] == 2
    assert purge(CUTOFF) == 0


def test_every_field_is_classified():
    from django.apps import apps

    fields = declared()["consultations"]
    for model in apps.get_app_config("consultations").get_models():
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue
            assert f"{model.__name__}.{field.name}" in fields, (model, field.name)
