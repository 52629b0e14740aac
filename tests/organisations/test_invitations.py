"""Sending invitations from the people page."""

from django.core import mail
from django.urls import reverse

from filet.accounts.models import Invitation
from filet.organisations.models import Role
from tests.conftest import login


def _invite(client, personas, **overrides):
    data = {
        "full_name": "Rosalie Demers",
        "email": "New.Person@Test.example",
        "role": Role.WORKER,
        "language": "fr-ca",
        **overrides,
    }
    return client.post(reverse("organisations:invite", kwargs={"pk": personas.org_a.pk}), data)


def test_representative_invites_and_one_mail_leaves(
    client, personas, django_capture_on_commit_callbacks
):
    login(client, personas.representative, reauthenticated=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, personas)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organisation) == (
        "new.person@test.example",
        "worker",
        personas.org_a,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@test.example"]


def test_invalid_invitation_comes_back_with_what_was_typed(client, personas):
    login(client, personas.representative, reauthenticated=True)
    response = _invite(client, personas, email="not-an-address")
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="Rosalie Demers"' in body
    assert 'value="not-an-address"' in body
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_second_pending_invitation_for_same_role_is_refused(client, personas):
    login(client, personas.representative, reauthenticated=True)
    _invite(client, personas)
    response = _invite(client, personas)
    assert response.status_code == 400
    assert Invitation.objects.count() == 1


def test_invitation_for_a_role_the_inviter_cannot_grant_is_refused(client, personas):
    login(client, personas.representative, reauthenticated=True)
    assert _invite(client, personas, role=Role.RESEARCHER).status_code == 400
    assert Invitation.objects.count() == 0


def test_withdrawn_invitation_link_no_longer_works(
    client, personas, django_capture_on_commit_callbacks
):
    login(client, personas.representative, reauthenticated=True)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, personas)
    invitation = Invitation.objects.get()
    link = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    url = reverse(
        "organisations:revoke_invitation",
        kwargs={"pk": personas.org_a.pk, "invitation_pk": invitation.pk},
    )
    assert client.post(url).status_code == 302
    client.logout()
    assert client.get(link).status_code == 404
