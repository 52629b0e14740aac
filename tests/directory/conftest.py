"""A described organisation A (with a confidential shelter) built through the real
actions, and helpers shared by the directory tests."""

import pytest

from filet.directory import actions
from filet.directory.models import Location, Phone, PhoneKind, PrivacyRegime, Service, Territory
from filet.organisations.models import Organisation, OrganisationType


def describe(
    organisation: Organisation,
    *,
    by=None,
    mission_fr: str = "",
    mission_en: str = "",
    territories=(),
    services=(),
    **fields,
):
    """Give an organisation a profile the way the edit page does: one versioned save."""
    profile = actions.profile_for(organisation)
    profile.mission_fr, profile.mission_en = mission_fr, mission_en
    for name, value in fields.items():
        setattr(profile, name, value)
    for name_fr, name_en, languages in services:
        Service.objects.create(
            organisation=organisation, name_fr=name_fr, name_en=name_en, languages=languages
        )
    actions.save_profile(profile, by=by, organisation_fields={}, territories=list(territories))
    return profile


@pytest.fixture
def limoilou(db) -> Territory:
    return Territory.objects.create(code="limoilou", name_fr="Limoilou", name_en="Limoilou")


@pytest.fixture
def levis(db) -> Territory:
    return Territory.objects.create(code="levis", name_fr="Lévis", name_en="Levis")


@pytest.fixture
def org_a_profile(personas, limoilou):
    Location.objects.create(
        organisation=personas.org_a,
        name_fr="Bureau",
        address_1="410, rue Saint-Vallier Est",
        city="Québec",
        postal_code="G1K 3P2",
    )
    Location.objects.create(
        organisation=personas.org_a,
        name_fr="Maison d'hébergement",
        address_1="88, rue des Jardins-Cachés",
        city="Québec",
        postal_code="G1L 9Z9",
        is_confidential=True,
    )
    Phone.objects.create(organisation=personas.org_a, number="418 555-0130", kind=PhoneKind.TEXT)
    return describe(
        personas.org_a,
        by=personas.representative,
        mission_fr="Prévention de l'exploitation sexuelle à l'école",
        mission_en="Preventing sexual exploitation at school",
        territories=[limoilou],
        services=[("Hébergement d'urgence", "Emergency shelter", ["fr", "en"])],
        privacy_regime=PrivacyRegime.PRIVATE_SECTOR,
        email="info@oa.example",
    )


def make_partner(name: str, **kwargs) -> Organisation:
    kwargs.setdefault("type", OrganisationType.COMMUNITY)
    return Organisation.objects.create(name_fr=name, **kwargs)
