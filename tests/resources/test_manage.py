from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.resources.models import FaqEntry, Resource, Visibility
from tests.conftest import login
from tests.resources.builders import faq_entry, upload


def _edit_form(resource, **extra):
    return {
        "title": "Guide révisé",
        "description": "",
        "language": "fr-ca",
        "kind": "tool",
        "audience": "parents",
        "keywords": "",
        "visibility": resource.visibility,
        "version": resource.version,
        **extra,
    }


def test_a_worker_may_read_but_not_edit(client, personas):
    resource = upload(personas.pivot, personas.org_a)
    login(client, personas.worker)
    url = reverse("resources:edit", kwargs={"pk": resource.pk})
    assert client.post(url, _edit_form(resource)).status_code == 403
    assert Resource.objects.get().title == "Guide de détection"


def test_the_outsider_gets_404_for_a_restricted_resource(client, personas):
    resource = upload(personas.pivot, personas.org_a, visibility=Visibility.ORGANISATION)
    login(client, personas.outsider)
    url = reverse("resources:withdraw", kwargs={"pk": resource.pk})
    assert client.post(url).status_code == 404
    assert Resource.objects.get().withdrawn_at is None


def test_the_representative_edits_and_the_stale_editor_is_told(client, personas):
    resource = upload(personas.pivot, personas.org_a)
    login(client, personas.representative)
    url = reverse("resources:edit", kwargs={"pk": resource.pk})
    assert client.post(url, _edit_form(resource)).status_code == 302
    changed = Resource.objects.get()
    assert (changed.title, changed.kind, changed.version) == ("Guide révisé", "tool", 2)
    assert changed.search_text == "guide revise"
    stale = client.post(url, _edit_form(resource, title="Autre"))
    assert stale.status_code == 409
    assert Resource.objects.get().title == "Guide révisé"


def test_the_coordinator_manages_table_wide_resources(client, personas):
    resource = upload(personas.pivot, personas.org_a, visibility=Visibility.TABLE)
    login(client, personas.coordinator)
    response = client.post(reverse("resources:withdraw", kwargs={"pk": resource.pk}))
    assert response.status_code == 302
    assert Resource.objects.get().withdrawn_at is not None
    assert AuditEntry.objects.filter(action="resource.withdrawn").count() == 1


def test_only_the_coordinator_edits_the_faq(client, personas):
    login(client, personas.pivot)
    data = {
        "question_fr": "Qui contacter?",
        "answer_fr": "Le pivot de votre organisation.",
        "question_en": "",
        "answer_en": "",
        "is_published": "on",
        "position": 1,
    }
    assert client.post(reverse("resources:faq_create"), data).status_code == 403
    assert FaqEntry.objects.count() == 0
    login(client, personas.coordinator)
    assert client.post(reverse("resources:faq_create"), data).status_code == 302
    entry = FaqEntry.objects.get()
    assert (entry.question_fr, entry.is_published, entry.search_text) == (
        "Qui contacter?",
        True,
        "qui contacter? le pivot de votre organisation.",
    )
    assert AuditEntry.objects.filter(action="faq.changed").count() == 1


def test_a_draft_faq_entry_does_not_exist_for_a_pivot(client, personas):
    draft = faq_entry(personas.coordinator, published=False)
    login(client, personas.pivot)
    assert client.get(reverse("resources:faq_edit", kwargs={"pk": draft.pk})).status_code == 404
