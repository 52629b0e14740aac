"""Directory search: both languages, accents and case ignored, filters, constant queries."""

import pytest
from django.urls import reverse

from filet.directory.search import search
from filet.directory.text import fold
from filet.matrix.models import Cell, Responsibility, Stage
from filet.organisations.models import OrganisationType
from tests.conftest import login
from tests.directory.conftest import describe, make_partner


def _names(criteria) -> list[str]:
    return [organisation.name_fr for organisation in search(criteria)]


@pytest.fixture
def partners(personas, limoilou, levis):
    describe(
        make_partner("École secondaire du Fleuve", type=OrganisationType.FRENCH_SCHOOL),
        mission_fr="Prévention auprès des élèves",
        territories=[limoilou],
        services=[("Service aux élèves", "Student services", ["fr"])],
    )
    describe(
        make_partner("Central Capitale School Board", type=OrganisationType.ENGLISH_SCHOOL),
        mission_en="Awareness in English high schools",
        territories=[levis],
        services=[("Services aux élèves", "Student services", ["en"])],
    )
    describe(
        make_partner("Travail de rue Boréale", type=OrganisationType.STREET_WORK),
        mission_fr="Présence dans les parcs",
        territories=[limoilou, levis],
        services=[("Texto", "Text line", ["fr", "es"])],
    )


def test_fold_lowers_and_strips_accents():
    assert fold("  École  PRÉVENTION Lévis ") == "ecole prevention levis"


@pytest.mark.django_db
class TestSearch:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("prevention", ["École secondaire du Fleuve"]),
            ("PRÉVENTION", ["École secondaire du Fleuve"]),
            ("ECOLE", ["École secondaire du Fleuve"]),
            ("école", ["École secondaire du Fleuve"]),
            ("awareness", ["Central Capitale School Board"]),
            ("levis", ["Central Capitale School Board", "Travail de rue Boréale"]),
            ("Lévis parcs", ["Travail de rue Boréale"]),
            ("student", ["Central Capitale School Board", "École secondaire du Fleuve"]),
            ("nothing-like-this", []),
        ],
    )
    def test_words_match_in_either_language(self, partners, query, expected):
        assert _names({"q": query}) == expected

    def test_a_partner_without_profile_is_found_by_its_name(self, partners, personas):
        assert _names({"q": "Organisme B"}) == ["Organisme B"]

    def test_filter_by_type(self, partners):
        assert _names({"type": OrganisationType.STREET_WORK}) == ["Travail de rue Boréale"]

    def test_filter_by_territory(self, partners, limoilou):
        assert _names({"territory": limoilou}) == [
            "Travail de rue Boréale",
            "École secondaire du Fleuve",
        ]

    def test_filter_by_language_of_service(self, partners):
        assert _names({"language": "es"}) == ["Travail de rue Boréale"]
        assert _names({"language": "en"}) == ["Central Capitale School Board"]

    def test_filter_by_stage_of_the_matrix(self, partners):
        stage = Stage.objects.get(code="prevention")
        street = search({"q": "boreale"}).get()
        Cell.objects.create(stage=stage, organisation=street, responsibility=Responsibility.LEAD)
        assert _names({"stage": stage}) == ["Travail de rue Boréale"]

    def test_filters_combine(self, partners, levis):
        assert _names({"q": "services", "territory": levis, "language": "en"}) == [
            "Central Capitale School Board"
        ]


@pytest.mark.django_db
class TestSearchPage:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("organisations:list"), {"q": "x"})
        assert response["Location"].startswith(reverse("account_login"))

    def test_results_and_what_was_typed(self, client, partners, personas):
        login(client, personas.worker)
        response = client.get(reverse("organisations:list"), {"q": "PREVENTION"})
        content = response.content.decode()
        assert response.status_code == 200
        assert [o.name_fr for o in response.context["page"]] == ["École secondaire du Fleuve"]
        assert 'value="PREVENTION"' in content

    def test_a_bad_filter_is_ignored_not_a_500(self, client, partners, personas):
        login(client, personas.worker)
        response = client.get(reverse("organisations:list"), {"territory": "abc", "page": "x"})
        assert response.status_code == 200

    def test_outsider_never_sees_a_confidential_address_in_results(
        self, client, org_a_profile, personas
    ):
        login(client, personas.outsider)
        response = client.get(reverse("organisations:list"), {"q": "hebergement"})
        assert [o.name_fr for o in response.context["page"]] == ["Organisme A"]
        assert "Jardins-Cachés" not in response.content.decode()

    @pytest.mark.parametrize("extra", [0, 40])
    def test_queries_do_not_grow_with_the_directory(
        self, client, partners, personas, limoilou, django_assert_num_queries, extra
    ):
        for index in range(extra):
            describe(
                make_partner(f"Partenaire {index:03}"),
                mission_fr="Prévention",
                territories=[limoilou],
            )
        login(client, personas.worker)
        client.get(reverse("organisations:list"))  # warm the session
        # the same 7 queries at any size: count, page, territories, filter lists, user
        with django_assert_num_queries(7):
            response = client.get(reverse("organisations:list"), {"q": "prevention"})
        assert response.status_code == 200
        assert len(response.context["page"]) == min(25, 1 + extra)
