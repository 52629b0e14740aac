import uuid

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.pivots.models import Activity
from tests.conftest import login

pytestmark = pytest.mark.django_db
URL = reverse("pivots:activity_create")


def _form(**overrides):
    data = {
        "submission": str(uuid.UUID(int=7)),
        "held_on": "2026-05-12",
        "milieu_type": "school",
        "audience": "youths",
        "participants": "24",
        "duration_minutes": "60",
        "topics": "Relations saines et leurre en ligne",
        "material": "Vidéo et dépliant",
    }
    data.update(overrides)
    return data


def test_a_pivot_records_an_activity(client, personas):
    p = personas
    login(client, p.pivot)
    assert client.get(URL).status_code == 200
    response = client.post(URL, _form())
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.organisation, activity.pivot, activity.participants) == (p.org_a, p.pivot, 24)
    assert (str(activity.held_on), activity.audience, activity.duration_minutes) == (
        "2026-05-12",
        "youths",
        60,
    )
    assert AuditEntry.objects.filter(action="pivot.activity_recorded").count() == 1


def test_a_double_submit_records_one_activity(client, personas):
    login(client, personas.pivot)
    client.post(URL, _form())
    client.post(URL, _form())
    assert Activity.objects.count() == 1


def test_identifiers_are_refused_and_the_text_is_kept(client, personas):
    login(client, personas.pivot)
    text = "Atelier; une jeune a donné son numéro 418-555-0199"
    response = client.post(URL, _form(topics=text))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["topics"]
    assert "418-555-0199" in response.content.decode()
    assert Activity.objects.count() == 0


def test_a_future_date_and_zero_participants_are_refused(client, personas):
    login(client, personas.pivot)
    response = client.post(URL, _form(held_on="2099-01-01", participants="0"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"held_on", "participants"}
    assert Activity.objects.count() == 0


def test_the_representative_reads_but_does_not_record(client, personas):
    p = personas
    login(client, p.pivot)
    client.post(URL, _form())
    login(client, p.representative)
    assert [a.topics for a in client.get(reverse("pivots:journal")).context["activities"]] == [
        "Relations saines et leurre en ligne"
    ]
    assert client.post(URL, _form(submission=str(uuid.UUID(int=8)))).status_code == 403
    assert Activity.objects.count() == 1


def test_another_organisation_sees_none_of_it(client, personas):
    p = personas
    login(client, p.pivot)
    client.post(URL, _form())
    login(client, p.outsider)
    assert list(client.get(reverse("pivots:journal")).context["activities"]) == []


def test_a_library_resource_may_be_linked_but_need_not_be(client, personas):
    login(client, personas.pivot)
    field = client.get(URL).context["form"].fields["resource"]
    assert (field.required, list(field.queryset)) == (False, [])
