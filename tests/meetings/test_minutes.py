from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from filet.audit.models import AuditEntry
from filet.meetings import actions
from filet.meetings.models import Minutes, MinutesStatus, MinutesVersion
from tests.conftest import login
from tests.meetings.builders import make_meeting


@pytest.fixture
def two_meetings(personas):
    earlier = make_meeting(personas, starts_at=timezone.now() - timedelta(days=30))
    later = make_meeting(personas, starts_at=timezone.now() + timedelta(days=5))
    return earlier, later


def test_minutes_go_draft_circulated_adopted_at_a_later_meeting(personas, two_meetings):
    earlier, later = two_meetings
    by = personas.coordinator
    minutes = actions.save_minutes(earlier, by=by, text="Première version.", version=0)
    minutes = actions.save_minutes(earlier, by=by, text="Deuxième version.", version=1)
    assert (minutes.status, minutes.version) == (MinutesStatus.DRAFT, 2)
    assert list(minutes.versions.values_list("number", "text")) == [
        (2, "Deuxième version."),
        (1, "Première version."),
    ]
    actions.circulate_minutes(minutes, by=by)
    adopted = actions.adopt_minutes(minutes, by=by, at_meeting=later)
    assert (adopted.status, adopted.adopted_at_meeting) == (MinutesStatus.ADOPTED, later)
    assert list(
        AuditEntry.objects.filter(action__startswith="minutes.")
        .order_by("seq")
        .values_list("action", flat=True)
    ) == ["minutes.saved", "minutes.saved", "minutes.circulated", "minutes.adopted"]


def test_minutes_cannot_be_adopted_at_their_own_or_an_earlier_meeting(personas, two_meetings):
    earlier, later = two_meetings
    minutes = actions.save_minutes(later, by=personas.coordinator, text="Texte.", version=0)
    actions.circulate_minutes(minutes, by=personas.coordinator)
    for meeting in (later, earlier):
        with pytest.raises(actions.WrongState):
            actions.adopt_minutes(minutes, by=personas.coordinator, at_meeting=meeting)
    assert Minutes.objects.get().status == MinutesStatus.CIRCULATED


def test_a_draft_cannot_be_adopted_without_circulating(personas, two_meetings):
    earlier, later = two_meetings
    minutes = actions.save_minutes(earlier, by=personas.coordinator, text="Texte.", version=0)
    with pytest.raises(actions.WrongState):
        actions.adopt_minutes(minutes, by=personas.coordinator, at_meeting=later)


def test_adopted_text_is_frozen(personas, two_meetings, client):
    earlier, later = two_meetings
    minutes = actions.save_minutes(
        earlier, by=personas.coordinator, text="Texte adopté.", version=0
    )
    actions.circulate_minutes(minutes, by=personas.coordinator)
    actions.adopt_minutes(minutes, by=personas.coordinator, at_meeting=later)
    with pytest.raises(actions.MinutesFrozen):
        actions.save_minutes(earlier, by=personas.coordinator, text="Réécrit.", version=1)
    login(client, personas.coordinator)
    url = reverse("meetings:minutes", kwargs={"pk": earlier.pk})
    response = client.post(url, {"text": "Réécrit.", "version": 1})
    assert response.status_code == 403
    assert Minutes.objects.get().text == "Texte adopté."
    assert MinutesVersion.objects.count() == 1
    page = client.get(url)
    assert "Texte adopté." in page.content.decode()
    assert 'name="text"' not in page.content.decode()


def test_a_stale_save_is_refused_and_keeps_the_text(personas, two_meetings, client):
    earlier, _later = two_meetings
    actions.save_minutes(earlier, by=personas.coordinator, text="Version un.", version=0)
    actions.save_minutes(earlier, by=personas.coordinator, text="Version deux.", version=1)
    login(client, personas.coordinator)
    response = client.post(
        reverse("meetings:minutes", kwargs={"pk": earlier.pk}), {"text": "Mon texte.", "version": 1}
    )
    assert response.status_code == 409
    assert "Mon texte." in response.content.decode()
    assert Minutes.objects.get().text == "Version deux."


def test_coordinator_saves_minutes_through_the_page(personas, two_meetings, client):
    earlier, _later = two_meetings
    login(client, personas.coordinator)
    url = reverse("meetings:minutes", kwargs={"pk": earlier.pk})
    response = client.post(url, {"text": "Ouverture à 13 h 30.", "version": 0})
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=earlier).text == "Ouverture à 13 h 30."


def test_identifiers_in_minutes_are_refused(personas, two_meetings, client):
    earlier, _later = two_meetings
    login(client, personas.coordinator)
    url = reverse("meetings:minutes", kwargs={"pk": earlier.pk})
    response = client.post(url, {"text": "Joindre au 418-555-0199.", "version": 0})
    assert response.status_code == 400
    assert "418-555-0199" in response.content.decode()
    assert not Minutes.objects.exists()


def test_representative_reads_minutes_but_cannot_write(personas, two_meetings, client):
    earlier, _later = two_meetings
    actions.save_minutes(earlier, by=personas.coordinator, text="Texte.", version=0)
    login(client, personas.representative)
    url = reverse("meetings:minutes", kwargs={"pk": earlier.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "Autre.", "version": 1}).status_code == 403
    assert Minutes.objects.get().text == "Texte."
