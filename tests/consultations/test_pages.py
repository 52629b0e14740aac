"""The inbox, the home panel, the consultation page and its notices."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.consultations import actions
from filet.consultations.models import Notification
from tests.conftest import login
from tests.consultations.builders import consultation

pytestmark = pytest.mark.django_db


def test_opening_a_consultation_is_audited_and_reads_its_notices(client, personas):
    p = personas
    made = consultation(p)
    login(client, p.pivot)
    response = client.get(reverse("consultations:detail", args=[made.pk]))
    assert response.status_code == 200
    assert set(response.context["forms"]) == {"accept", "answer", "ask_back"}
    assert response.context["can_route"] is True
    assert AuditEntry.objects.filter(action="consultation.viewed", actor=p.pivot).count() == 1
    assert Notification.objects.get(recipient=p.pivot).read_at is not None


def test_the_requester_sees_their_steps_only(client, personas):
    p = personas
    made = consultation(p)
    login(client, p.worker)
    response = client.get(reverse("consultations:detail", args=[made.pk]))
    assert set(response.context["forms"]) == {"withdraw"}
    assert response.context["can_route"] is False


def test_the_inbox_counts_and_lists_what_waits(client, personas):
    p = personas
    made = consultation(p)
    consultation(p, urgency="urgent")
    login(client, p.pivot)
    response = client.get(reverse("consultations:inbox"))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts["assigned"], counts["unread"], counts["details"]) == (2, 2, 0)
    assert made.reference in response.content.decode()
    entry = AuditEntry.objects.get(action="consultation.inbox_viewed")
    assert sorted(entry.data["consultations"]) == [made.pk, made.pk + 1]


def test_the_inbox_query_count_does_not_grow(client, personas, django_assert_max_num_queries):
    p = personas
    consultation(p)
    login(client, p.representative)
    with django_assert_max_num_queries(25) as small:
        client.get(reverse("consultations:inbox"))
    for _ in range(8):
        consultation(p)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("consultations:inbox"))


def test_the_home_panel_shows_numbers_and_a_link(client, personas):
    p = personas
    made = consultation(p)
    actions.ask_back(
        made, by=p.pivot, version=made.version, text="Quel milieu?", submission=uuid.uuid4()
    )
    login(client, p.worker)
    response = client.get(reverse("dashboard:home"))
    assert response.context["consultations"]["counts"]["details"] == 1
    assert reverse("consultations:inbox") in response.content.decode()
    login(client, p.manager)
    assert client.get(reverse("dashboard:home")).context["consultations"] is None


def test_an_english_requester_is_told_in_english_without_the_text(personas):
    p = personas
    p.worker.language = "en"
    p.worker.save(update_fields=["language"])
    made = consultation(p)
    mail.outbox.clear()
    actions.answer(
        made,
        by=p.pivot,
        version=made.version,
        text="Notez les faits observés.",
        submission=uuid.uuid4(),
    )
    [message] = mail.outbox
    assert message.subject == "[Filet] Your consultation was answered"
    assert f"Your consultation {made.reference} was answered." in message.body
    assert "faits" not in message.body


def test_redirect_and_escalate_pages(client, personas):
    p = personas
    made = consultation(p)
    login(client, p.pivot)
    page = client.get(reverse("consultations:escalate", args=[made.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("consultations:escalate", args=[made.pk]),
        {
            "version": made.version,
            "to": "to_representative",
            "reason": "Hors mandat.",
            "submission": uuid.uuid4(),
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.assignee == p.representative
    stale = client.post(
        reverse("consultations:escalate", args=[made.pk]),
        {"version": 1, "to": "to_coordinator", "reason": "Encore.", "submission": uuid.uuid4()},
    )
    assert stale.status_code == 403


def test_the_panel_takes_one_query_and_counts_the_organisations_overdue(
    personas, django_assert_num_queries
):
    import time_machine

    from filet.consultations.panels import panel_for

    p = personas
    with time_machine.travel("2026-11-23 10:00 -0500", tick=False):
        consultation(p)
    with time_machine.travel("2026-11-27 10:00 -0500", tick=False):
        p.representative.active_memberships  # noqa: B018 — loaded once per request anyway
        with django_assert_num_queries(1):
            panel = panel_for(p.representative)
    assert panel is not None
    assert (panel["counts"]["organisation_open"], panel["counts"]["organisation_overdue"]) == (1, 1)
    assert panel["representative"] is True
