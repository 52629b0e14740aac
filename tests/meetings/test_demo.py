"""The demo year loads through the real actions and shows the chain on the next agenda."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client

from filet.accounts.models import User
from filet.meetings import agenda
from filet.meetings.models import Meeting, Minutes, MinutesStatus
from filet.plans.models import Plan
from filet.plans.rollup import plan_progress
from tests.conftest import login


@pytest.mark.django_db
def test_seed_demo_builds_meetings_and_plan(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEMO_MODE = True  # demo accounts skip the second factor, as in `make run`
    call_command("seed_demo")
    plan = Plan.objects.get()
    assert (plan.status, plan.adopted_by.number) == ("adopted", 1)
    assert [o.position for o in plan.objectives.all()] == [1, 2, 3]
    assert plan_progress(plan).action_count == 10
    # (3×100 + 2×60 + 2×70 + 3×100 + 1×30 + 2×40 + 1×50 + 2×20 + 1×0 + 1×0) / 18 = 1060 / 18
    assert plan_progress(plan).progress == Decimal("58.9")
    statuses = list(Minutes.objects.order_by("meeting__starts_at").values_list("status", flat=True))
    assert statuses == [MinutesStatus.ADOPTED, MinutesStatus.ADOPTED, MinutesStatus.CIRCULATED]
    upcoming = Meeting.objects.upcoming().get()
    assert [q.organisation.acronym for q in agenda.carried_questions(upcoming)] == ["TRJB"]
    arising = agenda.business_arising(upcoming)
    assert [r.number for r in arising] == [2, 3]
    assert sorted(a.code for a in arising[1].plan_actions.all()) == ["1.4", "3.3"]
    assert [
        m.meeting.starts_at < upcoming.starts_at for m in agenda.minutes_to_adopt(upcoming)
    ] == [True]

    client = login(Client(), User.objects.get(email="rep.dpj@filet.example"))
    page = client.get(upcoming.get_absolute_url())
    assert page.status_code == 200
    assert "Comment les intervenants de rue" in page.content.decode()
