"""Situations for the permission matrix and the safety net's tests, made through the real
actions. Organisation A's pivot opens; a third partner, C, is created on demand."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.organisations.models import Organisation, OrganisationType, Role
from filet.pivots import actions as pivot_actions
from filet.pivots.models import Designation
from filet.situations import actions
from filet.situations.actions import SituationData
from filet.situations.models import Action, Situation
from tests.conftest import make_person
from tests.pivots.builders import data as designation_data

Target = tuple[dict[str, Any], dict[str, Any]]


def sector(code: str = "limoilou") -> Territory:
    return Territory.objects.get_or_create(code=code, defaults={"name_fr": code.title()})[0]


def situation_data(**overrides: Any) -> SituationData:
    values: dict[str, Any] = {
        "age_band": "14_15",
        "gender": "girl",
        "sector": sector(),
        "milieu_type": "school",
        "dpj_report": "made",
        "dpj_reported_in": date(2026, 1, 1),
        "summary": "Absences répétées, cadeaux inexpliqués.",
    }
    values.update(overrides)
    return SituationData(**values)


def open_situation(p: Any, *, by: User | None = None, **overrides: Any) -> Situation:
    opener = by or p.pivot
    organisation = next(iter(opener.organisation_ids(Role.PIVOT, Role.WORKER)))
    return actions.open_situation(
        by=opener,
        organisation=Organisation.objects.get(pk=organisation),
        data=situation_data(**overrides),
        submission=uuid.uuid4(),
    )


def designate(organisation: Organisation, representative: User, pivot: User) -> Designation:
    return pivot_actions.designate(
        organisation, by=representative, pivot=pivot, data=designation_data()
    )


@dataclass
class Partner:
    organisation: Organisation
    representative: User
    pivot: User
    designation: Designation


def partner(slug: str, kind: str = OrganisationType.STREET_WORK) -> Partner:
    """A partner organisation with a representative and a designated pivot."""
    organisation = Organisation.objects.create(
        name_fr=f"Organisme {slug}", name_en=f"Organisation {slug}", type=kind
    )
    representative = make_person(f"rep-{slug}@test.example", organisation, Role.REPRESENTATIVE)
    pivot = make_person(f"pivot-{slug}@test.example", organisation, Role.PIVOT)
    return Partner(
        organisation, representative, pivot, designate(organisation, representative, pivot)
    )


def joined(situation: Situation, by: User, partner: Partner) -> None:
    participant = actions.invite(situation, by=by, designation=partner.designation)
    actions.respond(participant, by=partner.pivot, accept=True)


def _situation_target(p: Any) -> Target:
    return {"code": open_situation(p).code}, {}


def _action_target(p: Any) -> Target:
    situation = open_situation(p)
    action = actions.add_action(
        situation, by=p.pivot, submission=uuid.uuid4(), title="Rencontre",
        organisation=p.org_a, person=p.pivot, due_on=date(2026, 1, 10),
    )  # fmt: skip
    return {"code": situation.code, "action_pk": action.pk}, {}


def action_of(situation: Situation, by: User, **values: Any) -> Action:
    values.setdefault("title", "Rencontre")
    values.setdefault("due_on", date(2026, 1, 10))
    if isinstance(values["due_on"], str):
        values["due_on"] = date.fromisoformat(values["due_on"])
    return actions.add_action(situation, by=by, submission=uuid.uuid4(), **values)


ON_A_SITUATION = [
    "situations:detail",
    "situations:edit",
    "situations:status",
    "situations:close",
    "situations:reopen",
    "situations:invite",
    "situations:respond",
    "situations:leave",
    "situations:action_add",
    "situations:note_add",
]
TARGETS: dict[str, Any] = dict.fromkeys(ON_A_SITUATION, _situation_target)
TARGETS["situations:action_update"] = _action_target
