"""The home page's training panel: next session and required modules not completed."""

import pytest
from django.urls import reverse

from filet.organisations.roles import Role
from filet.training import actions
from filet.training.panels import panel_for
from tests.conftest import login
from tests.training import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    p = personas
    required = factories.module(p.coordinator, "Rôle du pivot")
    done = factories.module(p.coordinator, "Signes")
    for item in (required, done):
        actions.require_module(item, role=Role.PIVOT, by=p.coordinator)
    factories.complete(p.pivot, done.versions.get(), p.coordinator)
    session = factories.session(required.versions.get(), p.coordinator)
    actions.register(session, user=p.pivot, base_url=factories.BASE_URL, notify=False)
    return p, session


def test_panel_in_three_queries(setup, django_assert_num_queries):
    p, session = setup
    assert len(p.pivot.active_memberships) == 1  # loaded once per request by the dashboard
    with django_assert_num_queries(3):
        panel = panel_for(p.pivot)
    assert panel.next_registration.session == session
    assert [m.title_fr for m in panel.missing] == ["Rôle du pivot"]


def test_home_shows_the_panel(client, setup):
    p, session = setup
    login(client, p.pivot)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{session.get_absolute_url()}"' in content
    assert 'id="panel-training"' in content


def test_the_administrator_has_no_panel(client, setup):
    p, _session = setup
    assert panel_for(p.administrator) is None
