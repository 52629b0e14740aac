"""For each URL of the matrix that takes arguments: how to build, for one request, a fresh
target record in organisation A, and what to POST. A new builder goes here with its URL."""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from filet.accounts.models import Invitation
from filet.organisations.models import Membership, Role
from tests.conftest import Personas, make_person

Target = tuple[dict[str, Any], dict[str, Any]]  # URL kwargs, POST data


def _org_a(p: Personas) -> Target:
    return {"pk": p.org_a.pk}, {}


def _membership_in_a(p: Personas) -> Target:
    count = Membership.objects.count()
    person = make_person(f"member{count}@test.example", p.org_a, Role.WORKER, mfa=False)
    membership = Membership.objects.get(user=person)
    return {"pk": p.org_a.pk, "membership_pk": membership.pk}, {}


def _invitation_in_a(p: Personas) -> Target:
    token, digest = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=f"invitee{Invitation.objects.count()}@test.example",
        full_name="Invitee",
        organisation=p.org_a,
        role=Role.WORKER,
        token_digest=digest,
        invited_by=p.representative,
        expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    return {"pk": p.org_a.pk, "invitation_pk": invitation.pk}, {"token": token}


def _invitation_token(p: Personas) -> Target:
    kwargs, extra = _invitation_in_a(p)
    return {"token": extra["token"]}, {}


def _language(p: Personas) -> Target:
    return {}, {"language": "en", "next": "/"}


TARGETS: dict[str, Callable[[Personas], Target]] = {
    "organisations:detail": _org_a,
    "organisations:members": _org_a,
    "organisations:grant": _org_a,
    "organisations:invite": _org_a,
    "organisations:revoke": _membership_in_a,
    "organisations:revoke_invitation": _invitation_in_a,
    "accounts:accept_invitation": _invitation_token,
    "set_language": _language,
}


def build(url_name: str, personas: Personas) -> Target:
    builder = TARGETS.get(url_name)
    return builder(personas) if builder else ({}, {})
