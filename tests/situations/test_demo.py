"""On the demo Table: the English school board's teacher opened situations; one gathered two
partners and has an overdue action, which shows on the right watch lists and nowhere else."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from filet.accounts.models import User
from filet.situations.models import Participant, Situation
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@filet.example")


def _overdue(user: User) -> list[str]:
    response = login(Client(), user).get(reverse("situations:watch"))
    return [row.situation.code for row in response.context["sections"][0].rows]


def test_the_demo_net_catches_the_overdue_action_for_the_right_people(settings):
    settings.DEMO_MODE = True  # demo accounts skip the second factor in demo mode only
    call_command("seed_demo", stdout=StringIO())
    teacher = _user("teacher.central")
    assert Situation.objects.filter(opened_by=teacher).count() == 3
    gathered = Situation.objects.get(actions__due_on__lt="2100-01-01", actions__status="to_do",
                                     actions__person__email="pivot.rue@filet.example")  # fmt: skip
    joined = gathered.participants.filter(status=Participant.Status.ACCEPTED)
    assert joined.count() == 3
    for local in ("teacher.central", "pivot.rue", "rep.rue", "pivot.passerelle", "rep.central"):
        assert gathered.code in _overdue(_user(local)), local
    for local in ("pivot.police", "pivot.dpj", "rep.dpj", "intervenant.ciusss"):
        assert gathered.code not in _overdue(_user(local)), local
    outsider = login(Client(), _user("pivot.police"))
    assert outsider.get(gathered.get_absolute_url()).status_code == 404
