import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.pivots import actions
from filet.pivots.mandate import Change, diff_words
from filet.pivots.models import Acknowledgement, MandateRole, MandateVersion
from tests.conftest import login
from tests.pivots.builders import mandate, sections

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {"adopted_on": "2026-09-17"}
    for code, texts in sections("v2").items():
        data[f"{code}_fr"], data[f"{code}_en"] = texts["fr"], texts["en"]
    data.update(overrides)
    return data


def test_the_coordinator_records_a_new_version(client, personas):
    p = personas
    mandate(p)
    login(client, p.coordinator, reauthenticated=True)
    response = client.post(reverse("pivots:mandate_adopt"), _form())
    version = MandateVersion.objects.current()
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert (version.number, str(version.adopted_on)) == (2, "2026-09-17")
    assert version.text("collect", "en") == "Role collect v2"
    assert AuditEntry.objects.filter(action="pivot.mandate_adopted").count() == 2


def test_a_missing_section_comes_back_and_nothing_is_adopted(client, personas):
    p = personas
    login(client, p.coordinator, reauthenticated=True)
    response = client.post(
        reverse("pivots:mandate_adopt"), _form(watch_en="", inform_fr="Mon texte")
    )
    assert response.status_code == 400
    assert "Mon texte" in response.content.decode()
    assert MandateVersion.objects.count() == 0


def test_a_representative_may_not_adopt(client, personas):
    login(client, personas.representative, reauthenticated=True)
    assert client.post(reverse("pivots:mandate_adopt"), _form()).status_code == 403
    assert MandateVersion.objects.count() == 0


def test_the_diff_marks_removed_and_added_words():
    assert diff_words("inform the milieu", "inform and animate the milieu") == [
        Change("equal", "inform"),
        Change("insert", "and animate"),
        Change("equal", "the milieu"),
    ]
    assert diff_words("a b", "a c") == [
        Change("equal", "a"),
        Change("delete", "b"),
        Change("insert", "c"),
    ]


def test_the_compare_page_shows_the_changes(client, personas):
    p = personas
    mandate(p)
    mandate(p, "nouveau")
    login(client, p.worker)
    response = client.get(reverse("pivots:mandate_compare"), {"a": 1, "b": 2})
    assert response.status_code == 200
    assert len(response.context["sections"]) == 2 * len(MandateRole.values)
    assert "<ins>nouveau</ins>" in response.content.decode()


def test_a_pivot_acknowledges_once(client, personas):
    p = personas
    version = mandate(p)
    login(client, p.pivot)
    for _attempt in range(2):
        assert client.post(reverse("pivots:mandate_acknowledge")).status_code == 302
    assert list(Acknowledgement.objects.values_list("version", "pivot")) == [
        (version.pk, p.pivot.pk)
    ]
    assert AuditEntry.objects.filter(action="pivot.mandate_acknowledged").count() == 1
    assert client.get(reverse("pivots:mandate")).context["acknowledged"] is True


def test_a_worker_cannot_acknowledge(client, personas):
    mandate(personas)
    login(client, personas.worker)
    assert client.post(reverse("pivots:mandate_acknowledge")).status_code == 403
    assert Acknowledgement.objects.count() == 0


def test_a_new_version_needs_a_new_acknowledgement(personas):
    p = personas
    actions.acknowledge_mandate(mandate(p), by=p.pivot)
    newer = mandate(p, "v2")
    assert not newer.acknowledgements.filter(pivot=p.pivot).exists()
