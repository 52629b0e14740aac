"""A designation counts only while its pivot holds the role, with an active account, within
its dates: derived at each request, so leaving takes effect the same day."""

from datetime import date

import pytest
import time_machine

from filet.organisations.actions import revoke_role
from filet.organisations.models import Membership, Role
from filet.pivots import actions
from filet.pivots.models import Designation
from tests.pivots.builders import designation

pytestmark = pytest.mark.django_db


def test_a_new_designation_counts(personas):
    made = designation(personas)
    assert list(Designation.objects.in_force()) == [made]


def test_the_pivot_role_ended_stops_it_the_same_day(personas):
    p = personas
    designation(p)
    membership = Membership.objects.get(user=p.pivot, role=Role.PIVOT)
    revoke_role(membership, by=p.representative)
    assert Designation.objects.in_force().count() == 0
    assert Designation.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_a_deactivated_account_stops_it(personas):
    p = personas
    designation(p)
    p.pivot.is_active = False
    p.pivot.save(update_fields=["is_active"])
    assert Designation.objects.in_force().count() == 0


def test_dates_bound_it(personas):
    designation(personas, valid_from=date(2026, 3, 1), valid_until=date(2026, 6, 30))
    assert Designation.objects.in_force(date(2026, 2, 28)).count() == 0
    assert Designation.objects.in_force(date(2026, 6, 30)).count() == 1
    assert Designation.objects.in_force(date(2026, 7, 1)).count() == 0


def test_withdrawn_stops_it(personas):
    made = designation(personas)
    actions.withdraw_designation(made, by=personas.representative)
    assert Designation.objects.in_force().count() == 0


@time_machine.travel("2026-06-10 12:00 -0400", tick=False)
def test_expiring_within_thirty_days_is_flagged(personas):
    made = designation(personas, valid_until=date(2026, 7, 10))
    assert made.is_expiring() is True
    assert list(Designation.objects.expiring()) == [made]
    made.valid_until = date(2026, 7, 11)
    assert made.is_expiring() is False


def test_a_pivot_without_role_or_designation_loses_pivot_pages(client, personas):
    from django.urls import reverse

    from tests.conftest import login

    p = personas
    designation(p)
    revoke_role(Membership.objects.get(user=p.pivot, role=Role.PIVOT), by=p.representative)
    login(client, p.pivot)
    assert client.get(reverse("pivots:activity_create")).status_code == 404
