"""Research access: only what an approved protocol in force allows; an expired protocol
opens nothing; every export audited and re-authenticated."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from filet.audit.models import AuditEntry
from filet.observatory.actions import record_observations
from filet.observatory.models import ResearchProtocol
from tests.conftest import login, make_person
from tests.observatory.builders import entry, protocol, term

pytestmark = pytest.mark.django_db


def _url(p, name="observatory:research", **kwargs):
    return reverse(name, kwargs={"pk": p.pk, **kwargs})


def test_anonymous_is_sent_to_login(client, personas):
    response = client.get(_url(protocol(personas)))
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["coordinator", "outsider", "pivot"])
def test_nobody_but_its_researcher_opens_a_protocol(client, personas, name):
    login(client, personas.by_name(name))
    assert client.get(_url(protocol(personas))).status_code == 404
    assert not AuditEntry.objects.filter(action="research.viewed").exists()


def test_another_researcher_gets_404(client, personas):
    other = make_person("other-researcher@test.example", personas.research, "researcher")
    login(client, other)
    assert client.get(_url(protocol(personas))).status_code == 404


def test_the_researcher_sees_the_protocols_scope_only(client, personas):
    record_observations([entry() for _ in range(6)], by=personas.pivot, organisation=personas.org_a)
    login(client, personas.researcher)
    response = client.get(_url(protocol(personas)), {"vocabulary": "platform"})
    assert response.status_code == 200
    trends = response.context["trends"]
    assert trends.query.vocabulary == "indicator"  # platforms are outside the scope
    assert {row.term.vocabulary for row in trends.by_category} == {"indicator"}
    assert trends.timeline.values[-1] == 6
    assert AuditEntry.objects.filter(action="research.viewed").count() == 1


def test_a_term_outside_the_scope_cannot_be_used_as_a_filter(client, personas):
    login(client, personas.researcher)
    tiktok = term("platform", "tiktok").pk
    response = client.get(_url(protocol(personas)), {"category": tiktok})
    assert response.context["trends"].query.category is None


def test_an_expired_protocol_gives_nothing(client, personas):
    p = protocol(personas, expires_on=timezone.localdate() + timedelta(days=10))
    login(client, personas.researcher, reauthenticated=True)
    assert client.get(_url(p)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=11)):
        login(client, personas.researcher, reauthenticated=True)
        assert client.get(_url(p)).status_code == 404
        assert (
            client.get(_url(p, "observatory:research_export", file_format="csv")).status_code == 404
        )
        listing = client.get(reverse("observatory:protocols"))
        assert _url(p) not in listing.content.decode()
    assert not AuditEntry.objects.filter(action="research.exported").exists()


def test_an_export_asks_to_reauthenticate_first(client, personas):
    p = protocol(personas)
    login(client, personas.researcher)
    response = client.get(_url(p, "observatory:research_export", file_format="csv"))
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    assert not AuditEntry.objects.filter(action="research.exported").exists()


def test_an_export_is_audited(client, personas):
    p = protocol(personas)
    login(client, personas.researcher, reauthenticated=True)
    response = client.get(_url(p, "observatory:research_export", file_format="xlsx"))
    assert response.status_code == 200
    entry_ = AuditEntry.objects.get(action="research.exported")
    assert (entry_.actor, entry_.data["format"]) == (personas.researcher, "xlsx")


def test_the_coordinator_records_a_protocol(client, personas):
    login(client, personas.coordinator)
    today = timezone.localdate()
    data = {
        "title": "Étude sur le recrutement en ligne",
        "researcher": personas.researcher.pk,
        "organisation": personas.research.pk,
        "approved_by": "Comité d'éthique",
        "approved_on": today.isoformat(),
        "vocabularies": ["platform"],
        "period_start": "2025-01-15",
        "period_end": today.isoformat(),
        "expires_on": (today + timedelta(days=365)).isoformat(),
    }
    response = client.post(reverse("observatory:protocol_create"), data)
    assert response.status_code == 302
    created = ResearchProtocol.objects.get()
    assert created.period_start.day == 1
    assert created.vocabularies == ["platform"]
    assert AuditEntry.objects.filter(action="research_protocol.created").count() == 1


def test_a_representative_may_not_record_a_protocol(client, personas):
    login(client, personas.representative)
    assert client.post(reverse("observatory:protocol_create"), {}).status_code == 403
    assert ResearchProtocol.objects.count() == 0


def test_months_before_the_protocol_are_never_shown_even_as_the_previous_period(client, personas):
    p = protocol(personas)
    before = p.period_start.replace(year=p.period_start.year - 1)
    record_observations(
        [entry(month=before) for _ in range(8)], by=personas.pivot, organisation=personas.org_a
    )
    login(client, personas.researcher)
    start = f"{p.period_start:%Y-%m}"
    response = client.get(_url(p), {"start": start, "end": start})
    trends = response.context["trends"]
    assert trends.query.earliest == p.period_start
    assert trends.previous_timeline == [None]
    assert trends.timeline.previous is None
    assert {row.previous for row in trends.by_category} == {None}
