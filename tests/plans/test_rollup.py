from decimal import Decimal

from filet.plans import actions as plan_actions
from filet.plans.models import weighted_progress
from filet.plans.rollup import plan_progress
from tests.meetings.builders import make_action, make_plan


def _report(action, by, status, progress):
    return plan_actions.update_progress(
        action, by=by, version=action.version, status=status, progress=progress
    )


def test_weighted_progress_rounds_half_up_to_one_decimal():
    assert weighted_progress([]) == Decimal("0.0")
    assert weighted_progress([(1, 100), (2, 0)]) == Decimal("33.3")
    assert weighted_progress([(1, 100), (1, 0), (1, 0), (5, 1)]) == Decimal("13.1")
    assert weighted_progress([(3, 50), (1, 25)]) == Decimal("43.8")


def test_progress_rolls_up_by_weight_to_objectives_and_plan(personas):
    by = personas.coordinator
    plan, first = make_plan(personas)
    second = plan_actions.add_objective(plan, by=by, title_fr="Deuxième")
    a = make_action(personas, first, weight=3)
    b = make_action(personas, first, weight=1)
    c = make_action(personas, second, weight=2)
    d = make_action(personas, second, weight=5)
    _report(a, by, "in_progress", 50)
    _report(b, by, "done", 100)
    _report(c, by, "in_progress", 30)
    _report(d, by, "cancelled", 80)  # a cancelled action weighs nothing
    progress = plan_progress(plan)
    assert [o.progress for o in progress.objectives] == [Decimal("62.5"), Decimal("30.0")]
    # (3×50 + 1×100 + 2×30) / (3 + 1 + 2) = 310 / 6
    assert progress.progress == Decimal("51.7")
    assert progress.action_count == 4


def test_plan_page_shows_the_rolled_up_values(personas, client):
    from django.urls import reverse

    from tests.conftest import login

    plan, objective = make_plan(personas)
    action = make_action(personas, objective, weight=2)
    _report(action, personas.coordinator, "in_progress", 45)
    make_action(personas, objective, weight=1)
    login(client, personas.pivot)
    response = client.get(reverse("plans:detail", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    assert response.context["progress"].progress == Decimal("30.0")
    assert "30.0 %" in response.content.decode() or "30,0 %" in response.content.decode()
