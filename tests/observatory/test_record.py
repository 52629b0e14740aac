"""Recording an observation: pivots only, one page, guarded free text, no duplicates."""

import pytest
from django.urls import reverse
from django.utils import timezone

from filet.audit.models import AuditEntry
from filet.observatory.models import Observation, ObservationRevision, ObservationTerm
from tests.conftest import login
from tests.observatory.builders import term

pytestmark = pytest.mark.django_db
URL = reverse("observatory:create")


def _form(**overrides):
    month = timezone.localdate().strftime("%Y-%m")
    data = {
        "month": month,
        "sector": term("sector", "vanier").pk,
        "milieu": term("milieu", "street").pk,
        "source": term("source", "disclosure").pk,
        "confidence": term("confidence", "confirmed").pk,
        "youths": "3",
        "indicator_behaviour": [term("indicator", "running-away").pk],
        "indicator_online": [term("indicator", "sextortion").pk],
        "platform": [term("platform", "snapchat").pk],
        "age_band": [term("age_band", "14-15").pk],
        "action": [term("action", "dpj-report").pk],
        "note": "Vue au parc, trois jeunes ensemble.",
        "submission": "8f0c0c43a1b04e1f9d6a9e1b6c3e2a10",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["outsider", "representative", "coordinator", "worker"])
def test_only_pivots_record(client, personas, name):
    login(client, personas.by_name(name))
    assert client.post(URL, _form()).status_code == 403
    assert Observation.objects.count() == 0


def test_the_form_reminds_the_duty_to_report_and_has_defaults(client, personas):
    login(client, personas.pivot)
    client.cookies["django_language"] = "en"
    response = client.get(URL)
    assert response.status_code == 200
    assert "never a report to the DPJ" in response.content.decode()
    initial = response.context["form"].initial
    assert initial["source"] == term("source", "direct-observation").pk
    assert initial["youths"] == 1


def test_a_pivot_records_an_observation_with_its_history_and_audit(client, personas):
    login(client, personas.pivot)
    response = client.post(URL, _form())
    observation = Observation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == observation.get_absolute_url()
    assert observation.month == timezone.localdate().replace(day=1)
    assert observation.organisation == personas.org_a
    assert observation.youths == 3
    assert observation.taxonomy_version.number == 1
    codes = sorted(t.code for t in observation.terms.all())
    assert codes == ["14-15", "dpj-report", "running-away", "sextortion", "snapchat"]
    assert ObservationTerm.objects.filter(observation=observation, youths=3).count() == 5
    assert ObservationRevision.objects.get().snapshot["youths"] == 3
    assert AuditEntry.objects.filter(action="observation.recorded").count() == 1


def test_a_double_submit_records_once(client, personas):
    login(client, personas.pivot)
    client.post(URL, _form())
    client.post(URL, _form())
    assert Observation.objects.count() == 1


def test_identifiers_in_the_note_are_refused_and_the_text_kept(client, personas):
    login(client, personas.pivot)
    note = "Elle s'appelle Jessica Tremblay, 418-555-0199"
    response = client.post(URL, _form(note=note))
    assert response.status_code == 400
    assert response.context["form"]["note"].value() == note
    assert "note" in response.context["form"].errors
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("month", "2026-03-15"), ("youths", "0"), ("youths", "500"), ("sector", "abc")],
)
def test_bad_input_comes_back_with_an_error(client, personas, field, value):
    login(client, personas.pivot)
    response = client.post(URL, _form(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Observation.objects.count() == 0


def test_none_cannot_be_combined_with_another_action(client, personas):
    login(client, personas.pivot)
    actions = [term("action", "none").pk, term("action", "referral").pk]
    response = client.post(URL, _form(action=actions))
    assert response.status_code == 400
    assert Observation.objects.count() == 0


def test_the_database_refuses_a_day(personas):
    from django.db import IntegrityError, transaction

    from tests.observatory.builders import observation

    obs = observation(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.filter(pk=obs.pk).update(month=obs.month.replace(day=15))
