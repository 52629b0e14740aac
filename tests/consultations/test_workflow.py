"""Each transition of a consultation, the ones a status refuses, and what each leaves."""

import uuid

import pytest
from django.core import mail

from filet.audit.models import AuditEntry
from filet.consultations import actions, faq
from filet.consultations.models import (
    Message,
    Notification,
    NotificationKind,
    Routing,
    RoutingKind,
    Status,
)
from tests.conftest import make_person
from tests.consultations.builders import answered, consultation, designation_of

pytestmark = pytest.mark.django_db


def _events(made):
    return list(
        AuditEntry.objects.filter(target_id=str(made.pk), action__startswith="consultation.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_asking_routes_to_the_chosen_pivot_and_notifies_them_with_a_link_only(personas):
    p = personas
    made = consultation(p)
    assert (made.status, made.assignee, made.organisation) == (Status.NEW, p.pivot, p.org_a)
    assert list(made.routings.values_list("kind", "to_user")) == [(RoutingKind.CHOSEN, p.pivot.pk)]
    assert [m.to for m in mail.outbox] == [[p.pivot.email]]
    body = mail.outbox[0].body
    assert f"/consultations/{made.pk}/" in body
    assert "cadeaux" not in body and "cadeaux" not in mail.outbox[0].subject
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (p.pivot.pk, NotificationKind.RECEIVED)
    ]
    assert _events(made) == ["consultation.created"]


def test_accept_then_answer_then_rate_closes_it(personas):
    p = personas
    made = consultation(p)
    made = actions.accept(made, by=p.pivot, version=made.version)
    assert (made.status, made.version) == (Status.ACCEPTED, 2)
    assert made.first_response_at is not None
    made = actions.answer(
        made, by=p.pivot, version=made.version, text="Réponse.", submission=uuid.uuid4()
    )
    assert (made.status, made.answered_by, made.answered_organisation) == (
        Status.ANSWERED,
        p.pivot,
        p.org_a,
    )
    made = actions.rate(made, by=p.worker, version=made.version, rating="partly", comment="")
    assert (made.status, made.rating) == (Status.CLOSED, "partly")
    assert made.closed_at is not None
    assert _events(made) == [
        "consultation.created",
        "consultation.accepted",
        "consultation.answered",
        "consultation.rated",
    ]


def test_asking_back_waits_for_the_requester_whose_reply_restarts_the_clock(personas):
    p = personas
    made = consultation(p)
    made = actions.ask_back(
        made, by=p.pivot, version=made.version, text="Quel milieu?", submission=uuid.uuid4()
    )
    assert made.status == Status.NEEDS_INFO
    assert mail.outbox[-1].to == [p.worker.email]
    made = actions.reply(
        made,
        by=p.worker,
        version=made.version,
        text="Une école secondaire.",
        submission=uuid.uuid4(),
    )
    assert (made.status, made.round) == (Status.ACCEPTED, 2)
    assert list(Message.objects.values_list("kind", flat=True)) == ["ask_back", "reply"]
    assert mail.outbox[-1].to == [p.pivot.email]


def test_redirecting_keeps_the_previous_pivot_as_a_reader_and_says_why(personas):
    p = personas
    colleague = make_person("colleague@test.example", p.org_a, "worker", mfa=False)
    other = designation_of(p, pivot=colleague)
    made = consultation(p)
    made = actions.redirect(
        made,
        by=p.pivot,
        version=made.version,
        designation=other,
        reason="Elle couvre ce secteur.",
        submission=uuid.uuid4(),
    )
    assert (made.assignee, made.status, made.round) == (colleague, Status.NEW, 2)
    routing = Routing.objects.order_by("-pk").first()
    assert (routing.kind, routing.reason, routing.by) == (
        RoutingKind.REDIRECTED,
        "Elle couvre ce secteur.",
        p.pivot,
    )
    assert [m.to for m in mail.outbox[-2:]] == [[p.pivot.email], [colleague.email]]


def test_escalating_to_the_representative_then_to_the_coordinator(personas):
    p = personas
    made = consultation(p)
    made = actions.escalate(
        made,
        by=p.pivot,
        version=made.version,
        to="to_representative",
        reason="Hors de mon mandat.",
        submission=uuid.uuid4(),
    )
    assert (made.status, made.assignee) == (Status.ESCALATED, p.representative)
    with pytest.raises(actions.NotAllowed):
        actions.escalate(
            made,
            by=p.representative,
            version=made.version,
            to="to_representative",
            reason="Encore.",
            submission=uuid.uuid4(),
        )
    made = actions.escalate(
        made,
        by=p.representative,
        version=made.version,
        to="to_coordinator",
        reason="Question de la Table.",
        submission=uuid.uuid4(),
    )
    assert (made.assignee, made.organisation) == (p.coordinator, p.table)
    made = actions.answer(
        made, by=p.coordinator, version=made.version, text="Réponse.", submission=uuid.uuid4()
    )
    assert made.answered_organisation == p.table


def test_the_requester_withdraws_an_open_question(personas):
    p = personas
    made = consultation(p)
    made = actions.withdraw(made, by=p.worker, version=made.version)
    assert made.status == Status.WITHDRAWN
    assert made.closed_at is not None


@pytest.mark.parametrize(
    ("status", "refused"),
    [
        (Status.ANSWERED, ["accept", "ask_back", "answer", "reply", "withdraw"]),
        (Status.NEW, ["reply", "rate", "propose_faq"]),
        (Status.CLOSED, ["accept", "answer", "withdraw", "reply"]),
    ],
)
def test_a_status_refuses_the_steps_it_does_not_allow(personas, status, refused):
    p = personas
    made = answered(p) if status != Status.NEW else consultation(p)
    if status == Status.CLOSED:
        made = actions.rate(made, by=p.worker, version=made.version, rating="useful", comment="")
    calls = {
        "accept": lambda: actions.accept(made, by=p.pivot, version=made.version),
        "ask_back": lambda: actions.ask_back(
            made, by=p.pivot, version=made.version, text="?", submission=uuid.uuid4()
        ),
        "answer": lambda: actions.answer(
            made, by=p.pivot, version=made.version, text="!", submission=uuid.uuid4()
        ),
        "reply": lambda: actions.reply(
            made, by=p.worker, version=made.version, text=".", submission=uuid.uuid4()
        ),
        "rate": lambda: actions.rate(
            made, by=p.worker, version=made.version, rating="useful", comment=""
        ),
        "withdraw": lambda: actions.withdraw(made, by=p.worker, version=made.version),
        "propose_faq": lambda: faq.propose_faq(made, by=p.pivot, version=made.version),
    }
    for name in refused:
        with pytest.raises(actions.NotAllowed):
            calls[name]()
    made.refresh_from_db()
    assert made.status == status


def test_rating_twice_keeps_the_first_rating(personas):
    p = personas
    made = answered(p)
    first = actions.rate(made, by=p.worker, version=made.version, rating="useful", comment="")
    again = actions.rate(made, by=p.worker, version=made.version, rating="not_useful", comment="")
    assert (first.rating, again.rating, again.version) == ("useful", "useful", first.version)
