"""Trainers take attendance for their own sessions; present completes the version."""

import pytest
from django.urls import reverse

from filet.training import actions
from filet.training.models import Completion, Registration
from tests.conftest import login
from tests.training import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def given(personas):
    item = factories.module(personas.coordinator)
    session = factories.session(
        item.versions.get(), personas.coordinator, trainers=[personas.pivot]
    )
    for user in (personas.worker, personas.manager):
        actions.register(session, user=user, base_url=factories.BASE_URL, notify=False)
    return personas, session


def _marks(session, worker, manager):
    ids = {r.user_id: r.pk for r in session.registrations.all()}
    return {f"r{ids[worker.pk]}": "present", f"r{ids[manager.pk]}": "absent"}


def test_the_trainer_takes_attendance_and_completes_the_version(client, given):
    personas, session = given
    login(client, personas.pivot)
    url = reverse("training:attendance", kwargs={"pk": session.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _marks(session, personas.worker, personas.manager))
    assert response.status_code == 302
    assert dict(Registration.objects.values_list("user__email", "attendance")) == {
        "worker@test.example": "present",
        "manager@test.example": "absent",
    }
    completion = Completion.objects.get()
    assert (completion.user, completion.version, completion.status, completion.method) == (
        personas.worker,
        session.version,
        "approved",
        "attendance",
    )


def test_marking_absent_afterwards_withdraws_the_completion(client, given):
    personas, session = given
    login(client, personas.pivot)
    url = reverse("training:attendance", kwargs={"pk": session.pk})
    client.post(url, _marks(session, personas.worker, personas.manager))
    reg = Registration.objects.get(user=personas.worker)
    client.post(url, {f"r{reg.pk}": "absent"})
    assert Completion.objects.count() == 0


def test_another_member_may_not_take_attendance(client, given):
    personas, session = given
    login(client, personas.worker)
    url = reverse("training:attendance", kwargs={"pk": session.pk})
    response = client.post(url, _marks(session, personas.worker, personas.manager))
    assert response.status_code == 403
    assert set(Registration.objects.values_list("attendance", flat=True)) == {""}


def test_anonymous_and_unknown(client, given):
    personas, session = given
    url = reverse("training:attendance", kwargs={"pk": session.pk})
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    login(client, personas.pivot)
    assert client.get(reverse("training:attendance", kwargs={"pk": 999})).status_code == 404
