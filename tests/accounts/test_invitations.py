"""Invitations: sent by a representative, one-time, expiring links [6.4.1, 2.3.4]."""

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client

from filet.accounts.actions import accept_invitation, invite
from filet.accounts.models import Invitation, User
from filet.audit.models import AuditEntry
from filet.organisations.models import Membership, Role
from tests.conftest import PASSWORD, login

LINK = re.compile(r"http://testserver/compte/invitation/([\w-]+)/")
PASSWORD_FOR_NEWCOMER = "une phrase de passe pour Nadia"
INVALID_PAGE_TEXT = "This invitation can no longer be used"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def english_client():
    # The invalid-link page is asserted in English, whatever the French catalogue says.
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def invite_through_view(client, personas, capture, **fields):
    """The representative sends the form; the e-mail goes out when the transaction commits."""
    login(client, personas.representative, reauthenticated=True)
    data = {"full_name": "Nadia Roy", "email": "Nadia.Roy@Test.Example", "role": Role.WORKER}
    with capture(execute=True):
        return client.post(
            f"/partenaires/{personas.org_a.pk}/invitations/", data | {"language": "en"} | fields
        )


@pytest.fixture
def token(client, personas, django_capture_on_commit_callbacks, clock) -> str:
    """The raw token of an invitation sent to Nadia, as found in her e-mail."""
    invite_through_view(client, personas, django_capture_on_commit_callbacks)
    client.logout()
    found = LINK.search(mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


def link(token: str) -> str:
    return f"/compte/invitation/{token}/"


def accept(client, token: str, password: str = PASSWORD_FOR_NEWCOMER):
    return client.post(link(token), {"password1": password, "password2": password})


def nadia_roles() -> list[tuple[str, int]]:
    return list(
        Membership.objects.filter(user__email="nadia.roy@test.example").values_list(
            "role", "organisation_id"
        )
    )


# --- Sending ----------------------------------------------------------------------------


def test_representative_invites_and_one_english_email_goes_out(
    client, personas, django_capture_on_commit_callbacks, clock
):
    response = invite_through_view(client, personas, django_capture_on_commit_callbacks)

    assert (response.status_code, response["Location"]) == (
        302,
        f"/partenaires/{personas.org_a.pk}/personnes/",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia.roy@test.example"]
    assert message.subject == "Invitation to Filet — Organisation A"
    assert LINK.search(message.body) is not None
    assert "valid for 72 hours and usable once" in message.body


def test_invitation_row_keeps_only_a_digest_of_the_token(personas, token):
    invitation = Invitation.objects.get()

    assert invitation.token_digest == hashlib.sha256(token.encode()).hexdigest()
    stored = str(list(Invitation.objects.values()))
    assert token not in stored
    assert (
        invitation.email,
        invitation.full_name,
        invitation.role,
        invitation.language,
        invitation.organisation,
        invitation.invited_by,
        invitation.expires_at,
    ) == (
        "nadia.roy@test.example",
        "Nadia Roy",
        Role.WORKER,
        "en",
        personas.org_a,
        personas.representative,
        START + timedelta(hours=72),
    )


def test_sending_is_audited(personas, token):
    entries = AuditEntry.objects.filter(action="invitation.sent")

    assert list(entries.values_list("actor_id", "organisation_id", "data")) == [
        (personas.representative.pk, personas.org_a.pk, {"role": Role.WORKER})
    ]


def test_french_invitation_is_written_in_french(
    client, personas, django_capture_on_commit_callbacks
):
    invite_through_view(client, personas, django_capture_on_commit_callbacks, language="fr-ca")

    message = mail.outbox[0]
    assert message.subject == "Invitation à Filet — Organisme A"
    assert LINK.search(message.body) is not None
    assert "valid for 72 hours" not in message.body


def test_invitation_needs_a_recent_authentication(client, personas):
    login(client, personas.representative)

    response = client.post(
        f"/partenaires/{personas.org_a.pk}/invitations/",
        {"full_name": "Nadia Roy", "email": "nadia.roy@test.example", "role": Role.WORKER},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/reauthenticate/")
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_worker_may_not_invite(client, personas, django_capture_on_commit_callbacks):
    login(client, personas.worker, reauthenticated=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/partenaires/{personas.org_a.pk}/invitations/",
            {"full_name": "Nadia Roy", "email": "nadia.roy@test.example", "role": Role.WORKER},
        )

    assert response.status_code == 403
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_outsider_gets_404_when_inviting(client, personas, django_capture_on_commit_callbacks):
    login(client, personas.outsider, reauthenticated=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/partenaires/{personas.org_a.pk}/invitations/",
            {"full_name": "Nadia Roy", "email": "nadia.roy@test.example", "role": Role.WORKER},
        )

    assert response.status_code == 404
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


# --- Accepting --------------------------------------------------------------------------


def test_link_creates_the_account_and_the_role(english_client, personas, token):
    response = accept(english_client, token)

    assert (response.status_code, response["Location"]) == (302, "/comptes/login/")
    user = User.objects.get(email="nadia.roy@test.example")
    assert (user.full_name, user.language) == ("Nadia Roy", "en")
    assert user.check_password(PASSWORD_FOR_NEWCOMER)
    assert nadia_roles() == [(Role.WORKER, personas.org_a.pk)]
    assert Invitation.objects.get().accepted_at == START
    assert list(AuditEntry.objects.filter(action="invitation.accepted").values_list("actor")) == [
        (user.pk,)
    ]


def test_link_works_only_once(english_client, token):
    accept(english_client, token)
    users = User.objects.count()

    opened = english_client.get(link(token))
    posted = accept(english_client, token, password="une autre phrase de passe")

    for response in (opened, posted):
        assert response.status_code == 404
        assert INVALID_PAGE_TEXT in response.content.decode()
    assert User.objects.count() == users
    assert User.objects.get(email="nadia.roy@test.example").check_password(PASSWORD_FOR_NEWCOMER)


def test_link_still_works_just_before_72_hours(english_client, token, clock):
    clock.shift(timedelta(hours=72) - timedelta(minutes=1))

    assert english_client.get(link(token)).status_code == 200


def test_link_expires_after_72_hours(english_client, token, clock):
    clock.shift(timedelta(hours=72, minutes=1))

    opened = english_client.get(link(token))
    posted = accept(english_client, token)

    for response in (opened, posted):
        assert response.status_code == 404
        assert INVALID_PAGE_TEXT in response.content.decode()
    assert not User.objects.filter(email="nadia.roy@test.example").exists()


def test_revoked_link_is_refused(client, english_client, personas, token):
    invitation = Invitation.objects.get()
    login(client, personas.representative)
    revoked = client.post(f"/partenaires/{personas.org_a.pk}/invitations/{invitation.pk}/annuler/")
    assert revoked.status_code == 302

    response = accept(english_client, token)

    assert response.status_code == 404
    assert INVALID_PAGE_TEXT in response.content.decode()
    assert not User.objects.filter(email="nadia.roy@test.example").exists()


def test_unknown_token_is_refused(english_client, token):
    response = english_client.get(link(token[:-1] + ("A" if token[-1] != "A" else "B")))

    assert response.status_code == 404
    assert INVALID_PAGE_TEXT in response.content.decode()


def test_double_submit_creates_one_account_and_one_role(english_client, personas, token):
    first = accept(english_client, token)
    second = accept(english_client, token)

    assert (first.status_code, second.status_code) == (302, 404)
    assert User.objects.filter(email="nadia.roy@test.example").count() == 1
    assert nadia_roles() == [(Role.WORKER, personas.org_a.pk)]


def test_accepting_a_stale_copy_of_the_invitation_twice_grants_once(rf, personas, token):
    stale = Invitation.objects.get()
    accept_invitation(stale, password=PASSWORD_FOR_NEWCOMER, request=rf.post("/"))

    with pytest.raises(ValueError, match="invitation no longer usable"):
        accept_invitation(stale, password=PASSWORD_FOR_NEWCOMER, request=rf.post("/"))

    assert User.objects.filter(email="nadia.roy@test.example").count() == 1
    assert nadia_roles() == [(Role.WORKER, personas.org_a.pk)]


def test_signed_in_person_accepting_gets_the_role_without_a_new_account(
    personas, django_capture_on_commit_callbacks
):
    worker = personas.worker
    with django_capture_on_commit_callbacks(execute=True):
        invite(
            by=personas.representative,
            organisation=personas.org_a,
            email=worker.email,
            full_name=worker.full_name,
            role=Role.PIVOT,
            language="fr-ca",
            base_url="http://testserver/",
        )
    token = LINK.search(mail.outbox[0].body).group(1)
    client = login(Client(), worker)
    users = User.objects.count()

    response = client.post(link(token))

    assert (response.status_code, response["Location"]) == (302, "/")
    assert User.objects.count() == users
    roles = Membership.objects.current().filter(user=worker, organisation=personas.org_a)
    assert sorted(roles.values_list("role", flat=True)) == [Role.PIVOT, Role.WORKER]
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password1", "password2", "field", "code"),
    [
        pytest.param("trop court", "trop court", "password1", "password_too_short", id="short"),
        pytest.param(
            "qwerty123456", "qwerty123456", "password1", "password_too_common", id="common"
        ),
        pytest.param(PASSWORD_FOR_NEWCOMER, "autre chose ici", "password2", None, id="mismatch"),
    ],
)
def test_invalid_password_rerenders_the_form_and_creates_nothing(
    english_client, token, password1, password2, field, code
):
    users = User.objects.count()

    response = english_client.post(link(token), {"password1": password1, "password2": password2})

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert list(errors) == [field]
    if code:
        assert [error.code for error in errors[field]] == [code]
    assert 'class="error-summary"' in response.content.decode()
    assert User.objects.count() == users
    assert nadia_roles() == []
    assert list(Invitation.objects.pending()) == [Invitation.objects.get()]
