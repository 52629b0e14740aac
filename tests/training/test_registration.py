"""Registering for a session: seats, the waiting list in order, promotion on cancellation,
no double registration, e-mails in the person's language."""

import pytest
from django.core import mail
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.training import actions
from filet.training.models import Registration, RegistrationStatus
from tests.conftest import login, make_person
from tests.training import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(personas):
    item = factories.module(personas.coordinator)
    return factories.session(item.versions.get(), personas.coordinator, capacity=2)


def _statuses(session):
    return list(
        session.registrations.order_by("registered_at", "pk").values_list("user__email", "status")
    )


def test_beyond_capacity_goes_on_the_waiting_list_and_is_promoted_in_order(
    personas, full_session, django_capture_on_commit_callbacks
):
    p = personas
    for user in (p.pivot, p.worker, p.manager, p.representative):
        actions.register(full_session, user=user, base_url=factories.BASE_URL)
    assert _statuses(full_session) == [
        ("pivot@test.example", "registered"),
        ("worker@test.example", "registered"),
        ("manager@test.example", "waitlisted"),
        ("representative@test.example", "waitlisted"),
    ]
    assert len(mail.outbox) == 4  # each registration is confirmed (seat or waiting list)
    mail.outbox.clear()
    worker_seat = Registration.objects.get(user=p.worker, session=full_session)
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_registration(worker_seat, by=p.worker, base_url=factories.BASE_URL)
    assert _statuses(full_session) == [
        ("pivot@test.example", "registered"),
        ("worker@test.example", "cancelled"),
        ("manager@test.example", "registered"),
        ("representative@test.example", "waitlisted"),
    ]
    assert [m.to for m in mail.outbox] == [["manager@test.example"]]
    assert mail.outbox[0].attachments[0][0] == "session.ics"
    assert AuditEntry.objects.filter(action="training.promoted").count() == 1


def test_a_larger_capacity_lets_the_waiting_list_in(personas, full_session):
    p = personas
    for user in (p.pivot, p.worker, p.manager):
        actions.register(full_session, user=user, base_url=factories.BASE_URL)
    fields = {name: getattr(full_session, name) for name in actions.SESSION_FIELDS}
    fields["capacity"] = 3
    actions.update_session(
        full_session, by=p.coordinator, trainers=[], base_url=factories.BASE_URL, **fields
    )
    assert [s for _e, s in _statuses(full_session)] == ["registered"] * 3


def test_registering_twice_keeps_one_registration(client, personas, full_session):
    login(client, personas.worker)
    url = reverse("training:register", kwargs={"pk": full_session.pk})
    first, second = client.post(url), client.post(url)
    assert (first.status_code, second.status_code) == (302, 302)
    assert _statuses(full_session) == [("worker@test.example", "registered")]
    assert AuditEntry.objects.filter(action="training.registered").count() == 1


def test_confirmation_is_in_the_persons_language_with_the_ics(
    client, personas, full_session, django_capture_on_commit_callbacks
):
    english = make_person("english@test.example", personas.org_a, "worker", language="en")
    login(client, english)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("training:register", kwargs={"pk": full_session.pk}))
    (message,) = mail.outbox
    assert message.subject == "[Filet] Registered: Signes (EN)"
    assert message.attachments[0][0] == "session.ics"
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("session.ics", "text/calendar; charset=utf-8")
    assert "SUMMARY:Training: Signes (EN)" in content


def test_anonymous_is_sent_to_login(client, full_session):
    response = client.post(reverse("training:register", kwargs={"pk": full_session.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Registration.objects.count() == 0


def test_administrator_may_not_register(client, personas, full_session):
    login(client, personas.administrator)
    response = client.post(reverse("training:register", kwargs={"pk": full_session.pk}))
    assert response.status_code == 404  # reads no content: training does not exist for them
    assert Registration.objects.count() == 0


def test_unknown_session_is_404(client, personas):
    login(client, personas.worker)
    assert client.post(reverse("training:register", kwargs={"pk": 999})).status_code == 404


def test_cancelled_session_takes_no_registration(client, personas, full_session):
    actions.cancel_session(full_session, by=personas.coordinator, base_url=factories.BASE_URL)
    login(client, personas.worker)
    client.post(reverse("training:register", kwargs={"pk": full_session.pk}))
    assert Registration.objects.count() == 0


def test_unregister_view_promotes_the_first_waiting(client, personas, full_session):
    p = personas
    for user in (p.pivot, p.worker, p.manager):
        actions.register(full_session, user=user, base_url=factories.BASE_URL)
    login(client, p.pivot)
    response = client.post(reverse("training:unregister", kwargs={"pk": full_session.pk}))
    assert response.status_code == 302
    manager = Registration.objects.get(user=p.manager)
    assert manager.status == RegistrationStatus.REGISTERED
