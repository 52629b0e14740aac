"""type_label, role_label and status_label are get_FOO_display() as plain lookups (the
directory, the people pages and the plan call them per row): they must say what Django's
say."""

import pytest
from django.utils import translation

from filet.organisations.models import Membership, Organisation, OrganisationType, Role
from filet.plans.models import Action, ActionStatus


def _djangos(instance, name):
    return instance._get_FIELD_display(type(instance)._meta.get_field(name))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_labels_are_djangos_in_each_language(language):
    with translation.override(language):
        for kind in [*OrganisationType.values, "unknown"]:
            organisation = Organisation(type=kind)
            assert organisation.type_label == _djangos(organisation, "type")
        for role in [*Role.values, "unknown"]:
            membership = Membership(role=role)
            assert membership.role_label == _djangos(membership, "role")
        for status in [*ActionStatus.values, "unknown"]:
            action = Action(status=status)
            assert action.status_label == _djangos(action, "status")


def test_the_label_follows_the_active_language():
    organisation = Organisation(type=OrganisationType.COMMUNITY)
    with translation.override("fr"):
        assert organisation.type_label == "Organisme communautaire"
    with translation.override("en"):
        assert organisation.type_label == "Community organisation"
