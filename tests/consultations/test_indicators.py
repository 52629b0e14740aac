"""Indicators for the management reports and the counts page with small cells suppressed."""

import uuid
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.consultations import actions, indicators
from filet.consultations.overdue import run
from tests.conftest import login
from tests.consultations.builders import consultation

pytestmark = pytest.mark.django_db


def test_received_answered_median_and_overdue_for_an_organisation(personas):
    p = personas
    with time_machine.travel("2026-11-23 09:00 -0500", tick=False) as clock:
        fast = consultation(p)
        slow = consultation(p)
        late = consultation(p)
        clock.shift(2 * 3600)
        actions.answer(
            fast, by=p.pivot, version=fast.version, text="Réponse.", submission=uuid.uuid4()
        )
        clock.shift(4 * 3600)
        actions.accept(slow, by=p.pivot, version=slow.version)
    with time_machine.travel("2026-11-26 09:00 -0500", tick=False):
        run()
    found = indicators.for_organisation(p.org_a.pk, date(2026, 11, 1), date(2026, 12, 1))
    assert found == indicators.Indicators(received=3, answered=1, median_hours=4.0, overdue=2)
    assert late.pk
    empty = indicators.for_organisation(p.org_b.pk, date(2026, 11, 1), date(2026, 12, 1))
    assert empty == indicators.Indicators()


def test_the_counts_page_hides_small_cells_and_is_audited(client, personas):
    p = personas
    for _ in range(3):
        consultation(p)
    for _ in range(6):
        consultation(p, urgency="urgent")
    login(client, p.coordinator)
    response = client.get(reverse("consultations:counts"))
    assert response.status_code == 200
    rows = response.context["tables"]["urgency"].rows()
    # 3 normal is small; its partner in the row is hidden too, so the total stays.
    assert [(o.pk, cells, total) for o, cells, total in rows] == [(p.org_a.pk, [None, None], 9)]
    assert AuditEntry.objects.filter(action="consultation.counts_viewed").count() == 1
    assert "< 5" in response.content.decode().replace("&lt;", "<")


def test_a_manager_sees_only_their_organisation(client, personas):
    p = personas
    consultation(p)
    login(client, p.outsider)
    response = client.get(reverse("consultations:counts"))
    assert [o.pk for o, _cells, _total in response.context["tables"]["urgency"].rows()] == [
        p.org_b.pk
    ]
