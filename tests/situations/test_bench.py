"""The safety net's bench data: situations for every region, each partner's showcase under
the code bench/pages.py asks for, open to its first pivot."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from bench.pages import Identity, own_situation
from filet.organisations.models import Membership, Role
from filet.situations.models import Participant, Situation
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_the_generator_fills_the_net_and_the_bench_pages_answer():
    call_command("generate", "--scale", "tiny", stdout=StringIO())
    # tiny: 2 regions × 7 pivots and workers → 22 situations each, plus 2 showcases each.
    assert Situation.objects.count() == 2 * 22 + 2 * 2
    assert len(set(Situation.objects.values_list("code", flat=True))) == 48
    first = Membership.objects.filter(role=Role.PIVOT).order_by("pk").select_related("user")[0]
    path = own_situation(Identity(organisation=first.organisation_id))
    client = login(Client(), first.user)
    assert client.get(path).status_code == 200
    assert client.get("/filet/mon-filet/").status_code == 200
    assert Participant.objects.filter(situation__code=path.split("/")[-2]).count() >= 2
