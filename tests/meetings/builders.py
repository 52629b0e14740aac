"""Records for meetings and plan tests and for the permission matrix: organisation A is
seated at the Table and invited; everything goes through the real actions."""

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from filet.accounts.models import User
from filet.meetings import actions
from filet.meetings.models import Meeting, Question, Resolution
from filet.organisations.models import Organisation
from filet.plans import actions as plan_actions
from filet.plans.actions import ActionInput
from filet.plans.models import Action, Objective, Plan

Target = tuple[dict[str, Any], dict[str, Any]]


def seat(*organisations: Organisation) -> None:
    from filet.directory.models import TableMembership

    for organisation in organisations:
        TableMembership.objects.get_or_create(
            organisation=organisation, left_on=None, defaults={"joined_on": date(2020, 1, 1)}
        )


def make_meeting(p: Any, *, starts_at: datetime | None = None, title: str = "Rencontre") -> Meeting:
    seat(p.org_a)
    start = starts_at or timezone.now() + timedelta(days=7)
    return actions.create_meeting(
        by=p.coordinator,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Salle du conseil",
        organisations=[p.org_a],
    )


def make_plan(p: Any) -> tuple[Plan, Objective]:
    seat(p.org_a)
    plan = plan_actions.create_plan(
        by=p.coordinator,
        title_fr="Plan",
        title_en="Plan",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    return plan, plan_actions.add_objective(plan, by=p.coordinator, title_fr="Objectif")


def make_action(
    p: Any, objective: Objective | None = None, *, by: User | None = None, **extra: Any
) -> Action:
    if objective is None:
        _plan, objective = make_plan(p)
    spec = ActionInput(
        objective=objective,
        title_fr="Action",
        due_on=date(2026, 12, 31),
        responsible=[p.org_a],
        **extra,
    )
    return plan_actions.create_action(spec, by=by or p.coordinator)


def _seated(p: Any) -> Target:
    seat(p.org_a)
    return {}, {}


def _meeting(p: Any) -> Target:
    return {"pk": make_meeting(p).pk}, {}


def _draft_minutes(p: Any) -> Target:
    meeting = make_meeting(p)
    actions.save_minutes(meeting, by=p.coordinator, text="Ouverture de la rencontre.", version=0)
    return {"pk": meeting.pk}, {}


def _adoption(p: Any) -> Target:
    earlier = make_meeting(p, starts_at=timezone.now() - timedelta(days=30))
    minutes = actions.save_minutes(earlier, by=p.coordinator, text="Ouverture.", version=0)
    actions.circulate_minutes(minutes, by=p.coordinator)
    later = make_meeting(p)
    return {"pk": later.pk, "minutes_pk": minutes.pk}, {}


def make_resolution(p: Any, meeting: Meeting | None = None) -> Resolution:
    data = actions.ResolutionInput(
        decision="La Table adopte le plan.", follow_up_organisation=p.org_a
    )
    return actions.take_resolution(meeting or make_meeting(p), by=p.coordinator, data=data)


def make_question(p: Any, meeting: Meeting | None = None) -> Question:
    return actions.ask_question(
        meeting or make_meeting(p), by=p.coordinator, text="Quand ?", organisation=p.org_a
    )


def _plan(p: Any) -> Target:
    return {"pk": make_plan(p)[0].pk}, {}


def _action_with_indicator(p: Any) -> Target:
    action = make_action(p)
    plan_actions.add_indicator(action, by=p.coordinator, name_fr="Formés", name_en="", target=10)
    return {"pk": action.pk}, {}


TARGETS = {
    "meetings:list": _seated,
    "meetings:create": _seated,
    "meetings:settings": _seated,
    "meetings:resolutions": _seated,
    "meetings:resolution": lambda p: ({"pk": make_resolution(p).pk}, {}),
    "meetings:resolution_close": lambda p: ({"pk": make_resolution(p).pk}, {}),
    "meetings:question": lambda p: ({"pk": make_question(p).pk}, {}),
    **{
        f"meetings:{name}": _meeting
        for name in ("detail", "edit", "cancel", "invite", "agenda_add", "attendance", "minutes")
        + ("resolution_create", "question_create", "ics", "send_invitations")
    },
    "meetings:minutes_circulate": _draft_minutes,
    "meetings:minutes_adopt": _adoption,
    "plans:list": _seated,
    "plans:create": _seated,
    **{
        f"plans:{name}": _plan
        for name in (
            "detail",
            "objective_create",
            "action_create",
            "adopt",
            "late",
            "follow_up",
            "export",
            "import",
        )
    },
    "plans:partner": lambda p: ({"pk": make_plan(p)[0].pk, "organisation_pk": p.org_a.pk}, {}),
    "plans:action": lambda p: ({"pk": make_action(p).pk}, {}),
    "plans:action_update": lambda p: ({"pk": make_action(p).pk}, {}),
    "plans:indicator_create": lambda p: ({"pk": make_action(p).pk}, {}),
    "plans:measurement_create": _action_with_indicator,
}
