"""The plan's tables read each action's organisations from lists prefetched with the
actions (`with_organisations`), in the organisations' own order, with no query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filet.organisations.models import Organisation, OrganisationType
from filet.plans.models import Action
from filet.plans.rollup import plan_progress
from tests.meetings.builders import make_action, make_plan

pytestmark = pytest.mark.django_db


def test_lists_hold_what_the_relations_hold_in_the_same_order(personas):
    p = personas
    plan, objective = make_plan(p)
    zed = Organisation.objects.create(name_fr="Zèbre", type=OrganisationType.COMMUNITY)
    first = make_action(p, objective, partners=[zed, p.org_b, p.table])
    make_action(p, objective, partners=[])
    actions = list(Action.objects.filter(objective__plan=plan).with_organisations())
    with CaptureQueriesContext(connection) as queries:
        for action in actions:
            fetched = Action.objects.get(pk=action.pk)
            assert action.responsible_list == list(fetched.responsible.all())
            assert action.partner_list == list(fetched.partners.all())
    assert len(queries) == 3 * len(actions)  # only the comparison's own
    assert [o.name_fr for o in next(a for a in actions if a == first).partner_list] == [
        "Coordination",
        "Organisme B",
        "Zèbre",
    ]


def test_the_plans_rows_need_no_query_per_action(personas):
    plan, objective = make_plan(personas)
    for _ in range(4):
        make_action(personas, objective, partners=[personas.org_b])
    progress = plan_progress(plan)
    with CaptureQueriesContext(connection) as queries:
        # What the rows and the export read of each organisation.
        names = [
            [(o.acronym, o.name, o.name_fr) for o in a.responsible_list + a.partner_list]
            for objective in progress.objectives
            for a in objective.actions
        ]
    assert len(queries) == 0
    assert (
        names == [[("OA", "Organisme A", "Organisme A"), ("OB", "Organisme B", "Organisme B")]] * 4
    )
