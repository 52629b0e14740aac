"""The Table: its description, membership history and working groups."""

from datetime import date

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.directory import actions
from filet.directory.models import Table, TableMembership, WorkingGroup
from tests.conftest import login


@pytest.fixture
def seats(personas):
    founder = actions.add_table_member(personas.org_a, by=None, joined_on=date(2007, 3, 15))
    actions.add_table_member(personas.org_b, by=None, joined_on=date(2009, 12, 3))
    actions.end_table_membership(founder, by=None, left_on=date(2015, 3, 31))
    return founder


@pytest.mark.django_db
class TestTablePage:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("directory:table"))
        assert response["Location"].startswith(reverse("account_login"))

    def test_current_composition_and_history(self, client, seats, personas):
        login(client, personas.worker)
        response = client.get(reverse("directory:table"))
        assert response.status_code == 200
        assert [s.organisation.name_fr for s in response.context["current"]] == ["Organisme B"]
        assert [
            (s.organisation.name_fr, s.joined_on, s.left_on) for s in response.context["history"]
        ] == [
            ("Organisme A", date(2007, 3, 15), date(2015, 3, 31)),
            ("Organisme B", date(2009, 12, 3), None),
        ]
        representatives = response.context["current"][0].organisation.representatives
        assert [m.user for m in representatives] == [personas.outsider]


@pytest.mark.django_db
class TestTableEditing:
    def test_coordinator_records_a_new_member(self, client, personas):
        login(client, personas.coordinator)
        data = {"organisation": personas.org_a.pk, "joined_on": "2009-12-03", "note": ""}
        response = client.post(reverse("directory:table_join"), data)
        assert response.status_code == 302
        seat = TableMembership.objects.get()
        assert (seat.organisation, seat.joined_on) == (personas.org_a, date(2009, 12, 3))
        entry = AuditEntry.objects.get(action="table.membership_changed")
        assert entry.data == {"change": "joined", "on": "2009-12-03"}

    @pytest.mark.parametrize("persona", ["representative", "outsider", "worker"])
    def test_others_get_403_and_nothing_changes(self, client, personas, persona):
        login(client, getattr(personas, persona))
        data = {"organisation": personas.org_a.pk, "joined_on": "2009-12-03"}
        assert client.post(reverse("directory:table_join"), data).status_code == 403
        assert TableMembership.objects.count() == 0

    def test_a_departure_before_joining_is_refused(self, client, seats, personas):
        seat = TableMembership.objects.get(organisation=personas.org_b)
        login(client, personas.coordinator)
        url = reverse("directory:table_leave", args=[seat.pk])
        client.post(url, {"left_on": "2001-01-01"})
        seat.refresh_from_db()
        assert seat.left_on is None

    def test_a_departure_keeps_the_history(self, client, seats, personas):
        seat = TableMembership.objects.get(organisation=personas.org_b)
        login(client, personas.coordinator)
        client.post(reverse("directory:table_leave", args=[seat.pk]), {"left_on": "2020-06-30"})
        seat.refresh_from_db()
        assert seat.left_on == date(2020, 6, 30)
        assert TableMembership.objects.count() == 2

    def test_an_organisation_already_seated_cannot_join_twice(self, client, seats, personas):
        login(client, personas.coordinator)
        data = {"organisation": personas.org_b.pk, "joined_on": "2021-01-01"}
        assert client.post(reverse("directory:table_join"), data).status_code == 400
        assert TableMembership.objects.filter(organisation=personas.org_b).count() == 1

    def test_coordinator_describes_the_table(self, client, personas):
        login(client, personas.coordinator)
        data = {"name_fr": "Table régionale", "mission_fr": "On n'intervient pas seul."}
        assert client.post(reverse("directory:table_edit"), data).status_code == 302
        assert Table.load().mission_fr == "On n'intervient pas seul."

    def test_working_group_with_members_and_mandate(self, client, personas):
        login(client, personas.coordinator)
        data = {
            "name_fr": "Comité formation",
            "mandate_fr": "Écrire le contenu de formation",
            "started_on": "2010-09-01",
            "organisations": [personas.org_a.pk, personas.org_b.pk],
            "people": [personas.pivot.pk],
        }
        assert client.post(reverse("directory:group_create"), data).status_code == 302
        group = WorkingGroup.objects.get()
        assert set(group.organisations.all()) == {personas.org_a, personas.org_b}
        assert list(group.people.all()) == [personas.pivot]

    def test_a_group_ending_before_it_starts_comes_back(self, client, personas):
        login(client, personas.coordinator)
        data = {
            "name_fr": "Comité",
            "mandate_fr": "Mandat",
            "started_on": "2010-09-01",
            "ended_on": "2009-01-01",
        }
        response = client.post(reverse("directory:group_create"), data)
        assert response.status_code == 400
        assert "Comité" in response.content.decode()
        assert WorkingGroup.objects.count() == 0
