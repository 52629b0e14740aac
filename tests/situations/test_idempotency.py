"""A double-click or a retried POST never duplicates anything."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.situations import actions
from filet.situations.models import Action, Note, Participant, Situation, Status
from tests.conftest import login
from tests.situations.builders import open_situation, partner, sector

pytestmark = pytest.mark.django_db


def test_opening_twice_with_the_same_form_opens_once(personas):
    client = login(Client(), personas.pivot)
    form = {
        "age_band": "16_17", "gender": "boy", "sector": sector().pk, "milieu_type": "street",
        "dpj_report": "to_do", "submission": str(uuid.uuid4()),
    }  # fmt: skip
    first = client.post(reverse("situations:open"), form)
    second = client.post(reverse("situations:open"), form)
    assert Situation.objects.count() == 1
    assert first["Location"] == second["Location"] == Situation.objects.get().get_absolute_url()
    assert AuditEntry.objects.filter(action="situation.opened").count() == 1


def test_accepting_twice_joins_once(personas):
    c = partner("C")
    situation = open_situation(personas)
    actions.invite(situation, by=personas.pivot, designation=c.designation)
    client = login(Client(), c.pivot)
    url = reverse("situations:respond", args=[situation.code])
    assert client.post(url, {"decision": "accept"}).status_code == 302
    assert client.post(url, {"decision": "accept"}).status_code == 302
    assert Participant.objects.filter(person=c.pivot).count() == 1
    assert AuditEntry.objects.filter(action="situation.accepted").count() == 1


def test_inviting_twice_invites_once(personas):
    c = partner("C")
    situation = open_situation(personas)
    actions.invite(situation, by=personas.pivot, designation=c.designation)
    actions.invite(situation, by=personas.pivot, designation=c.designation)
    assert Participant.objects.filter(person=c.pivot).count() == 1


def test_an_action_and_a_note_sent_twice_are_recorded_once(personas):
    p = personas
    situation = open_situation(p)
    client = login(Client(), p.pivot)
    token = str(uuid.uuid4())
    action = {"title": "Appel à la famille d'accueil", "organisation": p.org_a.pk,
              "due_on": "2026-05-01", "submission": token}  # fmt: skip
    note = {"text": "Rencontre faite.", "submission": token}
    for _ in range(2):
        client.post(reverse("situations:action_add", args=[situation.code]), action)
        client.post(reverse("situations:note_add", args=[situation.code]), note)
    assert (Action.objects.count(), Note.objects.count()) == (1, 1)


def test_the_same_status_twice_is_recorded_once(personas):
    situation = open_situation(personas)
    client = login(Client(), personas.pivot)
    for _ in range(2):
        client.post(reverse("situations:status", args=[situation.code]), {"status": "active"})
    assert AuditEntry.objects.filter(action="situation.status_changed").count() == 1


def test_a_first_acceptance_that_activates_the_situation_counts_as_a_change(personas):
    """Open → active is a change like any other: an edit made from the page as it was before
    answers 409 with what changed, instead of silently passing over the new status."""
    c = partner("C")
    situation = open_situation(personas)
    before = Situation.objects.get(pk=situation.pk).version
    invitation = actions.invite(situation, by=personas.pivot, designation=c.designation)
    actions.respond(invitation, by=c.pivot, accept=True)
    after = Situation.objects.get(pk=situation.pk)
    assert after.status == Status.ACTIVE
    assert after.version == before + 1
    # Accepting again changes nothing, the version included.
    actions.respond(invitation, by=c.pivot, accept=True)
    assert Situation.objects.get(pk=situation.pk).version == before + 1
