"""The home page's training panel: next session and required modules not completed."""

import pytest
from django.urls import reverse

from filet.organisations.models import Membership
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


def test_panel_in_two_queries(setup, django_assert_num_queries):
    p, session = setup
    assert len(p.pivot.active_memberships) == 1  # loaded once per request by the dashboard
    with django_assert_num_queries(2):
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


def test_only_the_persons_approved_completion_of_the_newest_version_counts(personas):
    """The EXISTS per requirement says what the separate completions query said: an older
    version, someone else's completion, a declaration not yet approved, an inactive module
    and a module required for two of the person's roles (listed once)."""
    p = personas
    Membership.objects.create(user=p.pivot, organisation=p.org_a, role=Role.WORKER)
    outdated = factories.module(p.coordinator, "Ancienne version")
    theirs = factories.module(p.coordinator, "Celle d'un autre")
    declared = factories.module(p.coordinator, "Déclarée")
    both_roles = factories.module(p.coordinator, "Deux rôles")
    current = factories.module(p.coordinator, "À jour")
    inactive = factories.module(p.coordinator, "Inactif")
    for item in (outdated, theirs, declared, both_roles, current, inactive):
        actions.require_module(item, role=Role.PIVOT, by=p.coordinator)
    actions.require_module(both_roles, role=Role.WORKER, by=p.coordinator)
    factories.complete(p.pivot, outdated.versions.get(), p.coordinator)
    factories.publish(outdated, p.coordinator)
    factories.complete(p.worker, theirs.versions.get(), p.coordinator)
    actions.declare_completion(
        declared.versions.get(), user=p.pivot, completed_on=current.created_at.date(), evidence="x"
    )
    factories.complete(p.pivot, current.versions.get(), p.coordinator)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    titles = [m.title_fr for m in panel_for(type(p.pivot).objects.get(pk=p.pivot.pk)).missing]

    assert titles == ["Ancienne version", "Celle d'un autre", "Deux rôles", "Déclarée"]
    assert [m.title_fr for m in panel_for(p.worker).missing] == ["Deux rôles"]
