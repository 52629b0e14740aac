"""The bench's consultations: a dozen per pivot, and consultation 1 readable by the pivots
whose sessions the bench signs in (bench/pages.py opens it)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from filet.consultations.bench import PER_PIVOT
from filet.consultations.models import Consultation
from filet.organisations.models import Membership, Role
from filet.pivots.models import Designation
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_tiny_bench_data_and_the_pages_it_serves():
    call_command("generate", "--scale", "tiny", stdout=StringIO())
    assert Consultation.objects.count() == Designation.objects.count() * PER_PIVOT + 1
    showcase = Consultation.objects.order_by("pk").first()
    first_pivots = Membership.objects.filter(role=Role.PIVOT).order_by("pk")[:4]
    for membership in first_pivots:
        visible = Consultation.objects.visible_to(membership.user)
        assert visible.filter(pk=showcase.pk).exists(), membership.user
    client = login(Client(), first_pivots[0].user)
    assert client.get(reverse("consultations:inbox")).status_code == 200
    assert client.get(reverse("consultations:detail", args=[showcase.pk])).status_code == 200
