"""The plan's read pages: access, content and flat query counts."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from filet.plans import actions as plan_actions
from tests.conftest import login
from tests.meetings.builders import make_action, make_plan, seat


def _populate(personas, n):
    plan, objective = make_plan(personas)
    second = plan_actions.add_objective(plan, by=personas.coordinator, title_fr="Deuxième")
    for i in range(n):
        action = make_action(personas, objective if i % 2 else second, partners=[personas.org_b])
        plan_actions.update_progress(
            action,
            by=personas.coordinator,
            version=1,
            status="in_progress",
            progress=10,
            note="Avance.",
        )
        indicator = plan_actions.add_indicator(
            action, by=personas.coordinator, name_fr="Formés", name_en="", target=10
        )
        plan_actions.record_measurement(
            indicator, by=personas.coordinator, measured_on=date(2026, 5, 1), value=3
        )
    return plan


@pytest.mark.parametrize("size", [3, 12])
def test_plan_pages_queries_stay_flat(client, personas, django_assert_max_num_queries, size):
    plan = _populate(personas, size)
    login(client, personas.representative)
    pages = [
        reverse("plans:detail", kwargs={"pk": plan.pk}),
        reverse("plans:partner", kwargs={"pk": plan.pk, "organisation_pk": personas.org_b.pk}),
        reverse("plans:late", kwargs={"pk": plan.pk}),
        reverse("plans:follow_up", kwargs={"pk": plan.pk}) + "?on=2026-06-01",
        reverse("plans:list"),
    ]
    for url, most in zip(pages, [12, 9, 5, 9, 4], strict=True):
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200


@time_machine.travel("2027-02-01 12:00 -05:00")
def test_late_items_and_what_a_partner_owes(client, personas):
    plan, objective = make_plan(personas)
    late = make_action(personas, objective, partners=[personas.org_b])
    done = make_action(personas, objective)
    plan_actions.update_progress(
        done, by=personas.coordinator, version=1, status="done", progress=100
    )
    other = make_action(personas, objective)
    other.responsible.set([personas.research])
    login(client, personas.pivot)
    response = client.get(reverse("plans:late", kwargs={"pk": plan.pk}))
    assert [a.code for a in response.context["actions"]] == [late.code, other.code]
    owed = client.get(
        reverse("plans:partner", kwargs={"pk": plan.pk, "organisation_pk": personas.org_b.pk})
    )
    assert [a.code for a in owed.context["actions"]] == [late.code]


def test_follow_up_report_for_a_meeting_date(client, personas):
    plan, objective = make_plan(personas)
    due_soon = make_action(personas, objective)  # due 2026-12-31
    with time_machine.travel("2026-11-15 10:00 -05:00"):
        plan_actions.update_progress(
            due_soon,
            by=personas.representative,
            version=1,
            status="in_progress",
            progress=60,
            note="Moitié faite.",
        )
    seat(personas.org_a)
    login(client, personas.worker)
    response = client.get(reverse("plans:follow_up", kwargs={"pk": plan.pk}), {"on": "2026-12-01"})
    report = response.context["report"]
    assert report.on == date(2026, 12, 1)
    assert [a.code for a in report.due_soon] == [due_soon.code]
    assert report.late == []
    assert [n.text for n in report.notes] == ["Moitié faite."]
    later = client.get(
        reverse("plans:follow_up", kwargs={"pk": plan.pk}), {"on": "2027-01-15"}
    ).context["report"]
    assert [a.code for a in later.late] == [due_soon.code]
    assert later.on - timedelta(days=45) == date(2026, 12, 1)


def test_coordinator_creates_plan_objective_and_action(client, personas):
    seat(personas.org_a)
    login(client, personas.coordinator)
    response = client.post(
        reverse("plans:create"),
        {
            "title_fr": "Plan 2027",
            "title_en": "",
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
        },
    )
    from filet.plans.models import Plan

    plan = Plan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    client.post(
        reverse("plans:objective_create", kwargs={"pk": plan.pk}),
        {"title_fr": "Former", "title_en": "Train"},
    )
    objective = plan.objectives.get()
    response = client.post(
        reverse("plans:action_create", kwargs={"pk": plan.pk}),
        {
            "objective": objective.pk,
            "title_fr": "Former 40 personnes",
            "title_en": "",
            "responsible": [personas.org_a.pk],
            "partners": [personas.org_b.pk],
            "starts_on": "2027-02-01",
            "due_on": "2027-06-30",
            "weight": "2",
        },
    )
    action = objective.actions.get()
    assert response["Location"] == action.get_absolute_url()
    assert (action.code, action.weight, action.status, action.progress) == (
        "1.1",
        2,
        "not_started",
        0,
    )


def test_member_may_not_create_a_plan(client, personas):
    from filet.plans.models import Plan

    seat(personas.org_a)
    login(client, personas.representative)
    data = {"title_fr": "Plan", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    assert client.post(reverse("plans:create"), data).status_code == 403
    assert not Plan.objects.exists()


def test_a_resolution_adopts_the_plan(client, personas):
    from tests.meetings.builders import make_resolution

    plan, _objective = make_plan(personas)
    resolution = make_resolution(personas)
    login(client, personas.coordinator)
    client.post(reverse("plans:adopt", kwargs={"pk": plan.pk}), {"resolution": resolution.pk})
    plan.refresh_from_db()
    assert (plan.status, plan.adopted_by) == ("adopted", resolution)


def test_representative_records_a_measurement(client, personas):
    action = make_action(personas)
    indicator = plan_actions.add_indicator(
        action, by=personas.coordinator, name_fr="Formés", name_en="", target=40
    )
    login(client, personas.representative)
    url = reverse("plans:measurement_create", kwargs={"pk": action.pk})
    client.post(url, {"indicator": indicator.pk, "measured_on": "2026-06-01", "value": "12"})
    client.post(url, {"indicator": indicator.pk, "measured_on": "2026-06-01", "value": "14"})
    assert [(m.measured_on, m.value) for m in indicator.measurements.all()] == [
        (date(2026, 6, 1), 14)
    ]
