"""Modules, versions (review date flag), requirements per role."""

import datetime

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.training.models import Module, Requirement
from tests.conftest import login
from tests.training import factories

pytestmark = pytest.mark.django_db

MODULE = {
    "title_fr": "Intervenir en concertation",
    "title_en": "Intervening together",
    "description_fr": "",
    "description_en": "",
    "audience_fr": "",
    "audience_en": "",
    "objectives_fr": "",
    "objectives_en": "",
    "duration_minutes": "120",
    "is_active": "on",
    "revision": "0",
}


def test_coordinator_creates_then_edits_a_module(client, personas):
    login(client, personas.coordinator)
    response = client.post(reverse("training:module_create"), MODULE)
    item = Module.objects.get()
    assert response["Location"] == item.get_absolute_url()
    url = reverse("training:module_edit", kwargs={"pk": item.pk})
    response = client.post(url, {**MODULE, "duration_minutes": "90", "revision": "1"})
    item.refresh_from_db()
    assert (item.duration_minutes, item.revision) == (90, 2)


def test_a_second_editor_is_told(client, personas):
    item = factories.module(personas.coordinator)
    login(client, personas.coordinator)
    url = reverse("training:module_edit", kwargs={"pk": item.pk})
    client.post(url, {**MODULE, "revision": "1"})
    response = client.post(url, {**MODULE, "title_fr": "Autre", "revision": "1"})
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.title_fr == "Intervenir en concertation"


def test_worker_may_not_create(client, personas):
    login(client, personas.worker)
    assert client.post(reverse("training:module_create"), MODULE).status_code == 403
    assert Module.objects.count() == 0


def test_publishing_a_version_numbers_it_and_flags_past_review(client, personas):
    item = factories.module(personas.coordinator)
    login(client, personas.coordinator)
    url = reverse("training:version_create", kwargs={"pk": item.pk})
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    response = client.post(url, {"review_by": yesterday.isoformat(), "change_note": "Mise à jour"})
    assert response.status_code == 302
    latest = item.versions.first()
    assert (latest.number, latest.is_past_review) == (2, True)
    page = client.get(item.get_absolute_url())
    assert page.context["latest"] == latest
    assert 'class="gap-notice"' in page.content.decode()


def test_requirements_are_set_once(client, personas):
    item = factories.module(personas.coordinator)
    login(client, personas.coordinator)
    for _click in range(2):
        client.post(reverse("training:requirements"), {"role": "pivot", "module": item.pk})
    assert list(Requirement.objects.values_list("role", "module")) == [("pivot", item.pk)]
    assert AuditEntry.objects.filter(action="training.requirement_set").count() == 1
    requirement = Requirement.objects.get()
    client.post(reverse("training:requirement_remove", kwargs={"pk": requirement.pk}))
    assert Requirement.objects.count() == 0


def test_representative_may_not_set_requirements(client, personas):
    item = factories.module(personas.coordinator)
    login(client, personas.representative)
    response = client.post(reverse("training:requirements"), {"role": "pivot", "module": item.pk})
    assert response.status_code == 403
    assert Requirement.objects.count() == 0


def test_modules_list_query_count_is_flat(client, personas, django_assert_max_num_queries):
    login(client, personas.worker)
    client.get(reverse("training:modules"))  # the session's first request loads more
    counts = []
    for count in (1, 8):
        for _n in range(count):
            factories.module(personas.coordinator, f"M{Module.objects.count()}", versions=2)
        with django_assert_max_num_queries(15) as queries:
            response = client.get(reverse("training:modules"))
        assert len(response.context["modules"]) == Module.objects.count()
        counts.append(len(queries))
    assert counts[0] == counts[1]
