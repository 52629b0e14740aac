"""/api/organisations/ serialises each partner with one shared profile and location
serializer: every item must be what fresh serializers give, confidential addresses for the
organisation's own people only."""

import pytest
from django.test import RequestFactory
from rest_framework.request import Request

from filet.api.endpoints.directory import (
    LocationSerializer,
    OrganisationSerializer,
    ProfileSerializer,
)
from filet.directory.actions import profile_for
from filet.directory.models import Location, Service, Territory
from filet.organisations.models import Organisation
from tests.api.conftest import bearer, token_for

pytestmark = pytest.mark.django_db


def _locations(organisation, *, confidential_too):
    shown = organisation.locations.order_by("pk")
    if not confidential_too:
        shown = shown.filter(is_confidential=False)
    return [dict(item) for item in LocationSerializer(shown, many=True).data]


def _expected(organisation, *, own):
    organisation = Organisation.objects.get(pk=organisation.pk)
    profile = getattr(organisation, "profile", None)
    request = Request(RequestFactory().get("/"))
    services = OrganisationSerializer(organisation, context={"request": request}).fields["services"]
    return {
        "id": organisation.pk,
        "name_fr": organisation.name_fr,
        "name_en": organisation.name_en,
        "acronym": organisation.acronym,
        "type": organisation.type,
        "profile": dict(ProfileSerializer(profile).data) if profile else None,
        "services": services.to_representation(organisation.services.all()),
        "locations": _locations(organisation, confidential_too=own),
    }


def _place(organisation, name, *, confidential):
    return Location.objects.create(
        organisation=organisation,
        name_fr=name,
        address_1="1 rue",
        city="Québec",
        postal_code="G1K 1A1",
        is_confidential=confidential,
    )


def test_each_partner_is_what_fresh_serializers_give(personas):
    p = personas
    region = Territory.objects.create(code="r1", name_fr="Région 1", kind="region")
    profile = profile_for(p.org_a)
    profile.mission_fr = "Accompagner"
    profile.save()
    profile.territories.set([region])
    Service.objects.create(organisation=p.org_a, name_fr="Accueil", languages=["fr"])
    _place(p.org_a, "Bureau", confidential=False)
    _place(p.org_a, "Refuge", confidential=True)
    _place(p.org_b, "Poste", confidential=True)

    for reader, own in ((p.representative, p.org_a), (p.outsider, p.org_b)):
        answer = bearer(token_for(reader)).get("/api/organisations/?page_size=100").json()
        items = {item["id"]: item for item in answer["results"]}
        for organisation in (p.org_a, p.org_b, p.table):
            expected = _expected(organisation, own=organisation == own)
            assert items[organisation.pk] == expected
    outsider_view = bearer(token_for(p.outsider)).get("/api/organisations/?page_size=100").json()
    a = next(item for item in outsider_view["results"] if item["id"] == p.org_a.pk)
    assert [place["name_fr"] for place in a["locations"]] == ["Bureau"]
    assert a["profile"]["mission_fr"] == "Accompagner"
    assert a["profile"]["territories"] == ["r1"]
