"""Editing the stage list and the collaboration agreements (coordinator only)."""

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.matrix.models import Agreement, Stage, StageListVersion
from tests.conftest import login

pytestmark = pytest.mark.django_db

STAGE = {
    "code": "aftercare",
    "label_fr": "Suivi post-intervention",
    "label_en": "Aftercare",
    "definition_fr": "",
    "definition_en": "",
    "order": "75",
    "is_active": "on",
}


def test_coordinator_adds_a_stage_and_the_list_is_versioned(client, personas):
    login(client, personas.coordinator)
    response = client.post(reverse("matrix:stage_create"), STAGE)
    assert response.status_code == 302
    assert Stage.objects.get(code="aftercare").order == 75
    assert StageListVersion.objects.order_by("-number").first().number == 2
    assert AuditEntry.objects.get(action="stage.changed").data["code"] == "aftercare"


def test_a_representative_cannot_change_stages(client, personas):
    login(client, personas.representative)
    assert client.post(reverse("matrix:stage_create"), STAGE).status_code == 403
    assert not Stage.objects.filter(code="aftercare").exists()


def test_a_duplicate_code_comes_back_with_the_form(client, personas):
    login(client, personas.coordinator)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("matrix:stage_create"), {**STAGE, "code": "prevention"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Stage of the continuum with this Code already exists." in body
    assert "Suivi post-intervention" in body
    assert StageListVersion.objects.count() == 1


def test_retiring_a_stage_takes_it_out_of_the_matrix(client, personas):
    stage = Stage.objects.get(code="research")
    login(client, personas.coordinator)
    data = {**STAGE, "code": "research", "label_fr": stage.label_fr, "label_en": stage.label_en}
    data.pop("is_active")
    response = client.post(reverse("matrix:stage_edit", kwargs={"pk": stage.pk}), data)
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.is_active is False
    body = client.get(reverse("matrix:matrix")).content.decode()
    assert stage.label_fr not in body


def _agreement(personas, **extra):
    return {
        "title": "Entente de repérage",
        "protocol": "Entente multisectorielle",
        "scope": "Repérage et signalement",
        "starts_on": "2024-09-01",
        "ends_on": "",
        "partners": [personas.org_a.pk, personas.org_b.pk],
        "stages": [Stage.objects.get(code="detection").pk],
        "contacts": "Annie Girard, représentante",
        "document_reference": "Registre 2024-03",
        **extra,
    }


def test_coordinator_records_an_agreement(client, personas):
    login(client, personas.coordinator)
    response = client.post(reverse("matrix:agreement_create"), _agreement(personas))
    agreement = Agreement.objects.get()
    assert response["Location"] == agreement.get_absolute_url()
    assert set(agreement.partners.values_list("pk", flat=True)) == {
        personas.org_a.pk,
        personas.org_b.pk,
    }
    assert AuditEntry.objects.get(action="agreement.changed").data["created"] is True
    stage = Stage.objects.get(code="detection")
    body = client.get(reverse("matrix:stage", kwargs={"pk": stage.pk})).content.decode()
    assert "Entente de repérage" in body


def test_one_partner_or_an_end_before_start_is_refused(client, personas):
    login(client, personas.coordinator)
    client.cookies["django_language"] = "en"
    data = _agreement(personas, partners=[personas.org_a.pk], ends_on="2024-01-01")
    response = client.post(reverse("matrix:agreement_create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "An agreement binds at least two partners." in body
    assert "The end date comes after the start date." in body
    assert "Entente de repérage" in body
    assert Agreement.objects.count() == 0


def test_a_representative_reads_but_cannot_record_agreements(client, personas):
    login(client, personas.representative)
    assert client.get(reverse("matrix:agreements")).status_code == 200
    assert client.post(reverse("matrix:agreement_create"), _agreement(personas)).status_code == 403
    assert Agreement.objects.count() == 0
