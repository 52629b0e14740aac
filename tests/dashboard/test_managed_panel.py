"""The representative's panel on the home page: role counts and pending invitations per
represented organisation, read in one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from filet.accounts.models import Invitation
from filet.dashboard.views import _managed_panel
from filet.organisations.models import Membership, Organisation, OrganisationType, Role
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


def _invite(organisation, email, **extra):
    fields = {
        "email": email,
        "full_name": email,
        "organisation": organisation,
        "role": Role.WORKER,
        "token_digest": email,
        "expires_at": timezone.now() + timedelta(days=3),
        **extra,
    }
    return Invitation.objects.create(**fields)


def test_counts_current_roles_and_pending_invitations_of_each_represented_partner(personas):
    p = personas
    # Organisme A: the representative, a pivot, a worker, a manager, a privacy officer,
    # plus a second worker and an ended pivot role.
    make_person("worker2@test.example", p.org_a, Role.WORKER, mfa=False)
    ended = make_person("gone@test.example", p.org_a, Role.PIVOT, mfa=False)
    Membership.objects.filter(user=ended).update(ended_at=timezone.now())
    invited_by = {"invited_by": p.representative}
    _invite(p.org_a, "new1@test.example", **invited_by)
    _invite(p.org_a, "new2@test.example", **invited_by)
    _invite(
        p.org_a, "old@test.example", expires_at=timezone.now() - timedelta(days=1), **invited_by
    )
    _invite(p.org_a, "took@test.example", accepted_at=timezone.now(), **invited_by)
    _invite(p.org_b, "b@test.example", **invited_by)
    # An organisation the representative also represents, with no one else in it.
    empty = Organisation.objects.create(name_fr="Aa vide", type=OrganisationType.COMMUNITY)
    Membership.objects.create(user=p.representative, organisation=empty, role=Role.REPRESENTATIVE)
    user = type(p.representative).objects.get(pk=p.representative.pk)

    with CaptureQueriesContext(connection) as queries:
        user.active_memberships  # noqa: B018 — loaded by the request before the view
        start = len(queries)
        panel = _managed_panel(user)
    assert len(queries) - start == 1
    shown = [
        (
            item["organisation"].name_fr,
            item["counts"]["representative"],
            item["counts"]["pivot"],
            item["counts"]["worker"],
            item["pending"],
        )
        for item in panel
    ]
    assert shown == [("Aa vide", 1, 0, 0, 0), ("Organisme A", 1, 1, 2, 2)]


def test_someone_who_represents_nobody_gets_no_panel_and_no_query(personas):
    user = type(personas.worker).objects.get(pk=personas.worker.pk)
    user.active_memberships  # noqa: B018
    with CaptureQueriesContext(connection) as queries:
        assert _managed_panel(user) == []
    assert len(queries) == 0
