"""A situation around three organisations: A (the personas' organisation, whose pivot opens),
B (the outsider's, uninvolved, with a pivot of its own) and C, a third partner that joins."""

from dataclasses import dataclass

import pytest

from filet.accounts.models import User
from filet.organisations.models import Role
from filet.situations.models import Situation
from tests.conftest import Personas, make_person
from tests.situations.builders import Partner, designate, joined, open_situation, partner


@dataclass
class Net:
    p: Personas
    situation: Situation
    c: Partner
    pivot_b: User


@pytest.fixture
def net(personas: Personas) -> Net:
    p = personas
    pivot_b = make_person("pivot-b@test.example", p.org_b, Role.PIVOT)
    designate(p.org_b, p.outsider, pivot_b)
    c = partner("C")
    situation = open_situation(p)
    joined(situation, p.pivot, c)
    return Net(p, situation, c, pivot_b)
