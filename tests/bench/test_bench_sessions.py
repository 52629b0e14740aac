import json
from importlib import import_module
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from bench.pages import Identity, own_situation
from filet.accounts.models import User
from filet.organisations.models import Membership, Role
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny(db) -> None:
    call_command("generate", "--scale", "tiny", stdout=StringIO())


def bench_sessions(*args: str) -> dict:
    out = StringIO()
    call_command("bench_sessions", *args, stdout=out)
    return json.loads(out.getvalue())


def test_sessions_take_the_roles_in_turn(tiny):
    payload = bench_sessions("--count", "7")

    assert payload["cookie"] == settings.SESSION_COOKIE_NAME
    assert [s["role"] for s in payload["sessions"]] == [
        "coordinator",
        "representative",
        "pivot",
        "worker",
        "privacy_officer",
        "coordinator",
        "representative",
    ]
    assert len({s["key"] for s in payload["sessions"]}) == 7
    # Two people hold the coordinator role (one per region): each gets a session.
    assert {s["email"] for s in payload["sessions"] if s["role"] == "coordinator"} == {
        "coordinator.03.0001@bench.filet.example",
        "coordinator.01.0001@bench.filet.example",
    }


def test_session_is_the_one_a_login_leaves(tiny):
    item = bench_sessions("--count", "2", "--roles", "representative")["sessions"][0]

    session = import_module(settings.SESSION_ENGINE).SessionStore(item["key"])
    user = User.objects.get(email=item["email"])
    assert session["_auth_user_id"] == str(user.pk)
    assert session["_auth_user_hash"] == user.get_session_auth_hash()
    assert session["filet_login_at"] == session["filet_seen_at"]
    assert Membership.objects.filter(
        user=user, organisation=item["organisation"], role=Role.REPRESENTATIVE
    ).exists()


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("worker", "/plancher/"),
        ("coordinator", "/"),
        ("representative", "/partenaires/{organisation}/personnes/"),
        ("privacy_officer", "/journal/"),
    ],
)
def test_session_cookie_opens_the_page_through_every_check(tiny, client, role, path):
    item = bench_sessions("--count", "1", "--roles", role)["sessions"][0]
    client.cookies[settings.SESSION_COOKIE_NAME] = item["key"]

    response = client.get(path.format(**item))

    assert response.status_code == 200


def test_unknown_role_is_refused(tiny):
    with pytest.raises(CommandError, match="unknown roles"):
        bench_sessions("--count", "1", "--roles", "pivot,janitor")


def test_role_nobody_holds_is_refused(tiny):
    Membership.objects.filter(role=Role.WORKER).delete()

    with pytest.raises(CommandError, match="nobody holds the role 'worker'"):
        bench_sessions("--count", "1", "--roles", "worker")


def test_every_pivot_is_given_a_situation_page_they_may_open(tiny):
    """The soak's pivots are not all the showcase's opener: each session names a situation
    its person takes part in, and that page answers them 200."""
    pivots = list(bench_sessions("--count", "20", "--roles", "pivot")["sessions"])
    assert len({s["email"] for s in pivots}) > 2
    for item in pivots:
        client = login(Client(), User.objects.get(email=item["email"]))
        path = own_situation(Identity(**item))
        assert client.get(path).status_code == 200, (item["email"], path)
