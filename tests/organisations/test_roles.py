"""Granting and withdrawing roles: who may, the side effects, and that refusals change nothing."""

from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.organisations.models import Membership, Role
from tests.conftest import login, make_person


def _grant(client, personas, user, role):
    url = reverse("organisations:grant", kwargs={"pk": personas.org_a.pk})
    return client.post(url, {"user": user.pk, "role": role})


def test_representative_grants_a_role_to_a_colleague(client, personas):
    login(client, personas.representative, reauthenticated=True)
    response = _grant(client, personas, personas.worker, Role.PIVOT)
    assert response.status_code == 302
    assert Membership.objects.current().filter(user=personas.worker, role=Role.PIVOT).count() == 1
    entry = AuditEntry.objects.get(action="role.granted")
    assert (entry.actor, entry.organisation, entry.data["role"]) == (
        personas.representative,
        personas.org_a,
        "pivot",
    )


def test_representative_cannot_grant_coordinator(client, personas):
    login(client, personas.representative, reauthenticated=True)
    response = _grant(client, personas, personas.worker, Role.COORDINATOR)
    assert response.status_code == 400
    assert not Membership.objects.filter(role=Role.COORDINATOR, user=personas.worker).exists()


def test_coordinator_may_grant_researcher(client, personas):
    login(client, personas.coordinator, reauthenticated=True)
    assert _grant(client, personas, personas.worker, Role.RESEARCHER).status_code == 302
    assert personas.worker.memberships.current().filter(role=Role.RESEARCHER).count() == 1


def test_granting_a_role_already_held_is_refused_with_a_message(client, personas):
    login(client, personas.representative, reauthenticated=True)
    response = _grant(client, personas, personas.worker, Role.WORKER)
    assert response.status_code == 400
    assert "Worker a déjà ce rôle." in response.content.decode()
    assert Membership.objects.filter(user=personas.worker).count() == 1


def test_person_from_another_organisation_cannot_be_picked(client, personas):
    login(client, personas.representative, reauthenticated=True)
    response = _grant(client, personas, personas.outsider, Role.WORKER)
    assert response.status_code == 400
    assert not Membership.objects.filter(user=personas.outsider, organisation=personas.org_a)


def test_outsider_gets_404_and_nothing_changes(client, personas):
    login(client, personas.outsider, reauthenticated=True)
    before = Membership.objects.count()
    assert _grant(client, personas, personas.worker, Role.PIVOT).status_code == 404
    assert Membership.objects.count() == before
    denied = AuditEntry.objects.get(action="access.denied")
    assert (denied.actor, denied.outcome) == (personas.outsider, "denied")


def test_colleague_without_the_role_gets_403_and_nothing_changes(client, personas):
    login(client, personas.pivot, reauthenticated=True)
    before = Membership.objects.count()
    assert _grant(client, personas, personas.worker, Role.PIVOT).status_code == 403
    assert Membership.objects.count() == before


def test_granting_asks_to_reauthenticate_first(client, personas):
    login(client, personas.representative)
    response = _grant(client, personas, personas.worker, Role.PIVOT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not personas.worker.memberships.filter(role=Role.PIVOT).exists()


def test_withdrawn_role_takes_effect_on_the_next_request(client, personas):
    login(client, personas.representative, reauthenticated=True)
    membership = personas.pivot.memberships.get()
    url = reverse(
        "organisations:revoke", kwargs={"pk": personas.org_a.pk, "membership_pk": membership.pk}
    )
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_at is not None
    pivot_client = login(client.__class__(), personas.pivot)
    members = reverse("organisations:members", kwargs={"pk": personas.org_a.pk})
    assert pivot_client.get(members).status_code == 404


def test_withdrawing_twice_changes_nothing_the_second_time(client, personas):
    login(client, personas.representative, reauthenticated=True)
    membership = personas.worker.memberships.get()
    url = reverse(
        "organisations:revoke", kwargs={"pk": personas.org_a.pk, "membership_pk": membership.pk}
    )
    client.post(url)
    assert client.post(url).status_code == 404
    assert AuditEntry.objects.filter(action="role.revoked").count() == 1


def test_representative_cannot_withdraw_a_coordinator_role_in_own_organisation(client, personas):
    boss = make_person("boss@test.example", personas.org_a, Role.COORDINATOR)
    login(client, personas.representative, reauthenticated=True)
    membership = boss.memberships.get()
    url = reverse(
        "organisations:revoke", kwargs={"pk": personas.org_a.pk, "membership_pk": membership.pk}
    )
    assert client.post(url).status_code == 403
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_members_page_shows_colleagues_and_hides_forms_from_read_only(client, personas):
    login(client, personas.worker)
    response = client.get(reverse("organisations:members", kwargs={"pk": personas.org_a.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "pivot@test.example" in body
    assert reverse("organisations:grant", kwargs={"pk": personas.org_a.pk}) not in body


def test_members_page_query_count_stays_flat(client, personas, django_assert_max_num_queries):
    login(client, personas.representative)
    url = reverse("organisations:members", kwargs={"pk": personas.org_a.pk})
    client.get(url)
    with django_assert_max_num_queries(16):
        client.get(url)
    for n in range(30):
        make_person(f"extra{n}@test.example", personas.org_a, Role.WORKER, mfa=False)
    with django_assert_max_num_queries(16):
        client.get(url)
