"""Opening, inviting, joining, the plan, the status workflow, closing and reopening."""

import uuid
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.situations import actions
from filet.situations.models import Participant, Situation, Status
from tests.conftest import login
from tests.situations.builders import action_of, joined, open_situation, partner, sector

pytestmark = pytest.mark.django_db


def _open_form(**overrides):
    data = {
        "age_band": "14_15",
        "gender": "girl",
        "sector": sector().pk,
        "milieu_type": "school",
        "dpj_report": "to_do",
        "summary": "Absences répétées depuis la rentrée.",
        "submission": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_a_worker_opens_a_situation_under_a_code_filet_assigns(personas):
    client = login(Client(), personas.worker)
    with time_machine.travel("2026-04-02 10:00 -0400", tick=False):
        response = client.post(reverse("situations:open"), _open_form())
        second = client.post(reverse("situations:open"), _open_form())
    first, other = Situation.objects.order_by("pk")
    assert (first.code, other.code) == ("QC-2026-0001", "QC-2026-0002")
    assert response["Location"] == first.get_absolute_url()
    assert second.status_code == 302
    assert (first.organisation, first.opened_by, first.status) == (
        personas.org_a,
        personas.worker,
        Status.OPEN,
    )
    assert list(first.participants.values_list("person", "status")) == [
        (personas.worker.pk, Participant.Status.ACCEPTED)
    ]
    assert AuditEntry.objects.filter(action="situation.opened").count() == 2


def test_numbers_start_again_each_year(personas):
    with time_machine.travel("2026-12-31 12:00 -0500", tick=False):
        assert open_situation(personas).code == "QC-2026-0001"
    with time_machine.travel("2027-01-02 12:00 -0500", tick=False):
        assert open_situation(personas).code == "QC-2027-0001"


def test_the_form_reminds_the_duty_to_report_and_that_filet_is_not_a_report(personas):
    response = login(Client(), personas.pivot).get(reverse("situations:open"))
    page = response.content.decode()
    assert "s. 39" in page or "art. 39" in page
    assert "Filet" in page and response.status_code == 200


def test_the_dpj_answer_needs_its_month_or_its_reason(personas):
    client = login(Client(), personas.pivot)
    made = client.post(reverse("situations:open"), _open_form(dpj_report="made"))
    not_required = client.post(reverse("situations:open"), _open_form(dpj_report="not_required"))
    assert (made.status_code, not_required.status_code) == (400, 400)
    assert "dpj_reported_in" in made.context["form"].errors
    assert "dpj_reason" in not_required.context["form"].errors
    ok = client.post(reverse("situations:open"), _open_form(dpj_report="made",
                                                            dpj_reported_in="2026-01"))  # fmt: skip
    assert ok.status_code == 302
    assert Situation.objects.get().dpj_reported_in == date(2026, 1, 1)


def test_alone_until_a_second_organisation_joins(personas):
    p = personas
    situation = open_situation(p)
    assert Situation.objects.alone().count() == 1
    c = partner("C")
    participant = actions.invite(situation, by=p.pivot, designation=c.designation)
    assert Situation.objects.alone().count() == 1
    assert [m.to for m in mail.outbox] == [[c.pivot.email]]
    assert situation.summary not in mail.outbox[0].body
    assert situation.get_absolute_url() in mail.outbox[0].body
    actions.respond(participant, by=c.pivot, accept=True)
    assert Situation.objects.alone().count() == 0
    assert Situation.objects.get().status == Status.ACTIVE


def test_a_justification_lifts_the_alone_flag(personas):
    situation = open_situation(personas)
    data = actions.data_of(situation, alone_justification="Suivi déjà assuré par notre équipe.")
    actions.change_situation(situation, by=personas.pivot, version=1, data=data)
    assert Situation.objects.alone().count() == 0


def test_the_invitation_email_goes_out_in_the_invitees_language(personas):
    c = partner("C")
    c.pivot.language = "en"
    c.pivot.save()
    actions.invite(open_situation(personas), by=personas.pivot, designation=c.designation)
    assert mail.outbox[0].subject == "[Filet] Invitation to a concerted situation"


def test_declining_needs_a_reason_and_is_recorded(personas):
    c = partner("C")
    situation = open_situation(personas)
    actions.invite(situation, by=personas.pivot, designation=c.designation)
    client = login(Client(), c.pivot)
    url = reverse("situations:respond", args=[situation.code])
    assert client.post(url, {"decision": "decline"}).status_code == 400
    assert client.post(url, {"decision": "decline", "reason": "Hors mandat."}).status_code == 302
    row = Participant.objects.get(person=c.pivot)
    assert (row.status, row.reason) == (Participant.Status.DECLINED, "Hors mandat.")


def test_a_participant_leaves_and_it_is_recorded(personas):
    c = partner("C")
    situation = open_situation(personas)
    joined(situation, personas.pivot, c)
    client = login(Client(), c.pivot)
    url = reverse("situations:leave", args=[situation.code])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Le jeune a déménagé."}).status_code == 302
    row = Participant.objects.get(person=c.pivot)
    assert row.status == Participant.Status.LEFT and row.left_at is not None
    assert AuditEntry.objects.filter(action="situation.left").count() == 1


def test_the_plan_actions_and_notes(personas):
    p = personas
    situation = open_situation(p)
    client = login(Client(), p.representative)
    add = reverse("situations:action_add", args=[situation.code])
    form = {
        "title": "Rencontre avec l'intervenante",
        "organisation": p.org_a.pk,
        "person": p.pivot.pk,
        "due_on": "2026-05-01",
        "submission": str(uuid.uuid4()),
    }
    response = client.post(add, form)
    assert response.status_code == 302
    action = situation.actions.get()
    assert (action.organisation, action.person, action.status) == (p.org_a, p.pivot, "to_do")
    update = reverse("situations:action_update", args=[situation.code, action.pk])
    client.post(update, {"status": "in_progress"})
    action.refresh_from_db()
    assert action.status == "in_progress"
    note = reverse("situations:note_add", args=[situation.code])
    client.post(note, {"text": "Premier contact fait.", "submission": str(uuid.uuid4())})
    assert list(situation.notes.values_list("text", "author")) == [
        ("Premier contact fait.", p.representative.pk)
    ]


def test_a_responsible_person_must_take_part_for_that_organisation(personas):
    p = personas
    situation = open_situation(p)
    response = login(Client(), p.pivot).post(
        reverse("situations:action_add", args=[situation.code]),
        {"title": "Appel", "organisation": p.org_a.pk, "person": p.worker.pk,
         "due_on": "2026-05-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert situation.actions.count() == 0


def test_status_moves_forward_and_back_but_never_skips(personas):
    situation = open_situation(personas)
    with pytest.raises(actions.NotAllowed):
        actions.change_status(situation, by=personas.pivot, status=Status.MONITORING)
    actions.change_status(situation, by=personas.pivot, status=Status.ACTIVE)
    actions.change_status(situation, by=personas.pivot, status=Status.MONITORING)
    actions.change_status(situation, by=personas.pivot, status=Status.ACTIVE)
    assert Situation.objects.get().status == Status.ACTIVE


def test_closing_with_open_actions_needs_a_reason(personas):
    p = personas
    situation = open_situation(p)
    action_of(situation, p.pivot, organisation=p.org_a)
    client = login(Client(), p.pivot)
    url = reverse("situations:close", args=[situation.code])
    refused = client.post(url, {"outcome": "safer"})
    assert refused.status_code == 400
    assert Situation.objects.get().status == Status.OPEN
    client.post(url, {"outcome": "safer", "reason": "Le suivi continue hors Filet."})
    closed = Situation.objects.get()
    assert (closed.status, closed.outcome, closed.closing_reason) == (
        Status.CLOSED,
        "safer",
        "Le suivi continue hors Filet.",
    )
    assert closed.closed_at is not None


def test_closing_without_open_actions_needs_no_reason_and_it_reopens(personas):
    situation = open_situation(personas)
    actions.close_situation(situation, by=personas.pivot, outcome="moved")
    actions.close_situation(situation, by=personas.pivot, outcome="other")  # twice: once
    assert Situation.objects.get().outcome == "moved"
    client = login(Client(), personas.pivot)
    client.post(reverse("situations:reopen", args=[situation.code]))
    reopened = Situation.objects.get()
    assert (reopened.status, reopened.outcome, reopened.closed_at) == (Status.ACTIVE, "", None)
    assert AuditEntry.objects.filter(action="situation.closed").count() == 1
    assert AuditEntry.objects.filter(action="situation.reopened").count() == 1
