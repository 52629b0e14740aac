"""Retention: the Table sets the periods, purge_expired destroys what is due and says so,
and the privacy officer sees what is due and what was destroyed."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from filet.audit.models import AuditEntry
from filet.lib import retention
from filet.lib.retention import RetentionRule
from filet.privacy.models import Incident, PurgeRun, RetentionPeriod
from filet.privacy.schedule import months_before
from tests.conftest import login
from tests.privacy.builders import incident

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)


def _fake_rule(kind="test.incidents", months=12):
    """Incidents recorded before the cutoff are due: a stand-in for the apps' rules."""

    def due(cutoff):
        return Incident.objects.filter(recorded_at__lt=cutoff)

    def purge(cutoff):
        return due(cutoff).delete()[0]

    return RetentionRule(kind, _("Test records"), _("after recording"), months, due, purge)


def _unscoped_rule():
    def due(cutoff):
        return RetentionPeriod.objects.filter(set_at__lt=cutoff)

    return RetentionRule("test.unscoped", _("Unscoped"), _("after"), 1, due, lambda c: 0)


@pytest.fixture
def fake_rules(monkeypatch):
    rules = [_fake_rule()]
    monkeypatch.setattr(retention, "all_rules", lambda: rules)
    return rules


def _old_and_new(personas):
    with time_machine.travel(datetime(2025, 10, 1, tzinfo=UTC)):
        old = incident(personas)
    with time_machine.travel(datetime(2026, 6, 1, tzinfo=UTC)):
        new = incident(personas)
    return old, new


@time_machine.travel(NOW, tick=False)
def test_purge_destroys_what_is_due_and_records_it(personas, fake_rules):
    old, new = _old_and_new(personas)
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert list(Incident.objects.values_list("pk", flat=True)) == [new.pk]
    run = PurgeRun.objects.get()
    assert (run.kind, run.count, run.cutoff, run.at) == (
        "test.incidents", 1, datetime(2025, 11, 15, 12, 0, tzinfo=UTC), NOW,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="retention.purged")
    assert entry.data == {
        "kind": "test.incidents",
        "count": 1,
        "cutoff": "2025-11-15T12:00:00+00:00",
    }
    assert "test.incidents: destroyed 1" in out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_dry_run_counts_and_destroys_nothing(personas, fake_rules):
    _old_and_new(personas)
    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert Incident.objects.count() == 2
    assert not PurgeRun.objects.exists()
    assert not AuditEntry.objects.filter(action="retention.purged").exists()
    assert "test.incidents: would destroy 1" in out.getvalue()


@time_machine.travel(NOW, tick=False)
def test_the_period_the_coordinator_sets_is_the_one_used(client, personas, fake_rules):
    _old_and_new(personas)
    login(client, personas.coordinator)
    response = client.post(reverse("privacy:retention"), {"test.incidents": "3"})
    assert response.status_code == 302
    assert RetentionPeriod.objects.get().months == 3
    entry = AuditEntry.objects.get(action="retention.period_set")
    assert entry.data == {"kind": "test.incidents", "months": 3, "before": None}
    call_command("purge_expired", stdout=StringIO())
    assert Incident.objects.count() == 0


def test_a_period_below_the_legal_minimum_is_refused(client, personas):
    login(client, personas.coordinator)
    response = client.post(reverse("privacy:retention"), {"privacy.incident": "12"})
    assert response.status_code == 400
    assert not RetentionPeriod.objects.exists()


def test_only_the_coordinator_sets_periods(client, personas, fake_rules):
    login(client, personas.privacy_officer)
    response = client.post(reverse("privacy:retention"), {"test.incidents": "3"})
    assert response.status_code == 403
    assert not RetentionPeriod.objects.exists()


def test_the_incident_rule_purges_only_closed_incidents_past_five_years(personas):
    from filet.privacy.retention import RULES

    closed = incident(personas, learned_on=datetime(2020, 1, 2).date(),
                      occurred_from=datetime(2020, 1, 1).date())  # fmt: skip
    Incident.objects.filter(pk=closed.pk).update(status="closed")
    incident(personas, learned_on=datetime(2020, 1, 2).date(),
             occurred_from=datetime(2020, 1, 1).date())  # fmt: skip
    assert RULES[0].purge(datetime(2025, 6, 1, tzinfo=UTC)) == 1
    assert Incident.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_privacy_officer_sees_due_counts_for_their_organisation(client, personas, monkeypatch):
    rules = [_fake_rule(), _unscoped_rule()]
    monkeypatch.setattr(retention, "all_rules", lambda: rules)
    _old_and_new(personas)
    with time_machine.travel(datetime(2025, 10, 1, tzinfo=UTC)):
        from filet.privacy import actions
        from tests.privacy.builders import incident_data

        actions.record_incident(personas.org_b, by=personas.outsider_privacy_officer,
                                data=incident_data())  # fmt: skip
    PurgeRun.objects.create(kind="test.incidents", count=4, cutoff=NOW, at=NOW)
    login(client, personas.privacy_officer)
    response = client.get(reverse("privacy:due", kwargs={"pk": personas.org_a.pk}))
    rows = {row.kind: row for row in response.context["rows"]}
    assert (rows["test.incidents"].due_now, rows["test.incidents"].scoped) == (1, True)
    assert rows["test.incidents"].due_soon == (1, 1)
    assert rows["test.incidents"].last_run.count == 4
    assert rows["test.unscoped"].scoped is False
    assert [label for _run, label in response.context["runs"]] == ["Test records"]


def test_another_organisations_officer_gets_404_on_the_due_page(client, personas):
    login(client, personas.outsider_privacy_officer)
    response = client.get(reverse("privacy:due", kwargs={"pk": personas.org_a.pk}))
    assert response.status_code == 404


def test_the_schedule_lists_the_rules_and_the_fixed_kinds(client, personas, fake_rules):
    RetentionPeriod.objects.create(kind="test.incidents", months=7, set_by=personas.coordinator)
    login(client, personas.worker)
    response = client.get(reverse("privacy:schedule"))
    assert [(rule.kind, months) for rule, months in response.context["rules"]] == [
        ("test.incidents", 7)
    ]
    body = response.content.decode()
    assert "Comptes du personnel" in body
    assert "Journal d&#x27;audit" in body


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 3, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2026, 1, 15, tzinfo=UTC), 13, datetime(2024, 12, 15, tzinfo=UTC)),
        (datetime(2028, 3, 29, tzinfo=UTC), 1, datetime(2028, 2, 29, tzinfo=UTC)),
        (datetime(2026, 11, 15, tzinfo=UTC), 24, datetime(2024, 11, 15, tzinfo=UTC)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected


@time_machine.travel(NOW, tick=False)
def test_a_failing_kind_rolls_back_alone_and_the_command_fails(personas, monkeypatch):
    def broken(cutoff):
        Incident.objects.all().delete()
        raise RuntimeError("disk full")

    failing = RetentionRule("test.broken", _("Broken"), _("after"), 1, _fake_rule().due, broken)
    rules = [failing, _fake_rule()]
    monkeypatch.setattr(retention, "all_rules", lambda: rules)
    old, new = _old_and_new(personas)
    with pytest.raises(CommandError, match="test.broken"):
        call_command("purge_expired", stdout=StringIO())
    assert list(Incident.objects.values_list("pk", flat=True)) == [new.pk]
    assert list(PurgeRun.objects.values_list("kind", flat=True)) == ["test.incidents"]


def test_the_command_runs_every_installed_rule(personas):
    from filet.lib.retention import all_rules

    call_command("purge_expired", stdout=StringIO())
    kinds = sorted(PurgeRun.objects.values_list("kind", flat=True))
    assert kinds == sorted(rule.kind for rule in all_rules())
    assert "privacy.incident" in kinds
