"""Self-declaration with evidence, reviewed by the person's representative or the
coordinator; the identifier guard keeps a youth's details out of the evidence."""

import pytest
from django.urls import reverse

from filet.training.models import Completion
from tests.conftest import login
from tests.training import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(personas):
    return factories.module(personas.coordinator)


def _declare(client, person, item, **data):
    login(client, person)
    payload = {"completed_on": "2026-01-15", "evidence": "Formation de la Table", **data}
    return client.post(reverse("training:declare", kwargs={"pk": item.pk}), payload)


def test_a_worker_declares_and_the_representative_accepts(client, personas, item):
    assert _declare(client, personas.worker, item).status_code == 302
    completion = Completion.objects.get()
    assert (completion.status, completion.method) == ("pending", "declaration")
    login(client, personas.representative)
    pending = client.get(reverse("training:reviews")).context["pending"]
    assert list(pending) == [completion]
    url = reverse("training:review", kwargs={"pk": completion.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 302
    completion.refresh_from_db()
    assert (completion.status, completion.reviewed_by) == ("approved", personas.representative)


def test_declaring_twice_keeps_one(client, personas, item):
    _declare(client, personas.worker, item)
    _declare(client, personas.worker, item)
    assert Completion.objects.count() == 1


def test_the_guard_refuses_a_youths_details_and_keeps_the_text(client, personas, item):
    response = _declare(client, personas.worker, item, evidence="Appeler au 418-555-0199")
    assert response.status_code == 400
    assert "Appeler au 418-555-0199" in response.content.decode()
    assert Completion.objects.count() == 0


def test_future_date_is_refused(client, personas, item):
    response = _declare(client, personas.worker, item, completed_on="2099-01-01")
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["completed_on"]


def test_outsider_cannot_review_another_organisations_person(client, personas, item):
    _declare(client, personas.worker, item)
    completion = Completion.objects.get()
    login(client, personas.outsider)
    assert list(client.get(reverse("training:reviews")).context["pending"]) == []
    url = reverse("training:review", kwargs={"pk": completion.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 404
    completion.refresh_from_db()
    assert completion.status == "pending"


def test_a_pivot_may_not_open_the_reviews(client, personas):
    login(client, personas.pivot)
    assert client.get(reverse("training:reviews")).status_code == 403


def test_anonymous_is_sent_to_login(client, item):
    response = client.post(reverse("training:declare", kwargs={"pk": item.pk}))
    assert response["Location"].startswith(reverse("account_login"))
