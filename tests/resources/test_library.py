import pytest
from django.urls import reverse

from filet.resources.models import Visibility
from tests.conftest import login
from tests.resources.builders import faq_entry, upload

URL = reverse("resources:library")


def _titles(response) -> list[str]:
    return [r.title for r in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))


def test_the_administrator_reads_no_content(client, personas):
    login(client, personas.administrator)
    assert client.get(URL).status_code == 404


def test_search_ignores_accents_and_case_in_both_languages(client, personas):
    upload(personas.pivot, personas.org_a, title="Prévention à l'ÉCOLE")
    upload(
        personas.pivot,
        personas.org_a,
        title="School prevention kit",
        language="en",
        description="For teachers",
        keywords="",
    )
    upload(personas.pivot, personas.org_a, title="Hébergement", description="Refuges")
    login(client, personas.worker)
    assert sorted(_titles(client.get(URL, {"q": "prevention"}))) == [
        "Prévention à l'ÉCOLE",
        "School prevention kit",
    ]
    assert _titles(client.get(URL, {"q": "ecole PRÉVENTION"})) == ["Prévention à l'ÉCOLE"]
    assert _titles(client.get(URL, {"q": "TEACHERS"})) == ["School prevention kit"]
    assert _titles(client.get(URL, {"q": "prevention", "language": "en"})) == [
        "School prevention kit"
    ]


def test_another_organisations_restricted_resources_are_never_listed(client, personas):
    upload(
        personas.representative,
        personas.org_a,
        title="Interne A",
        visibility=Visibility.ORGANISATION,
    )
    upload(personas.outsider, personas.org_b, title="Interne B", visibility=Visibility.ORGANISATION)
    upload(personas.outsider, personas.org_b, title="Public B")
    login(client, personas.pivot)
    assert sorted(_titles(client.get(URL))) == ["Interne A", "Public B"]
    assert _titles(client.get(URL, {"q": "interne"})) == ["Interne A"]


def test_published_faq_entries_are_listed_and_drafts_only_for_the_coordinator(client, personas):
    published = faq_entry(personas.coordinator)
    draft = faq_entry(personas.coordinator, published=False)
    login(client, personas.worker)
    assert list(client.get(URL).context["faq"]) == [published]
    assert list(client.get(URL, {"q": "reasonable"}).context["faq"]) == [published]
    login(client, personas.coordinator)
    assert list(client.get(URL).context["faq"]) == [published, draft]


@pytest.mark.parametrize("count", [2, 12])
def test_query_count_does_not_grow_with_resources(
    client, personas, count, django_assert_max_num_queries
):
    first = upload(personas.pivot, personas.org_a, title="Guide 0")
    for number in range(1, count):
        upload(
            personas.pivot,
            personas.org_a,
            title=f"Guide {number}",
            language="en",
            translation_of=first if number == 1 else None,
        )
    faq_entry(personas.coordinator)
    login(client, personas.pivot)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(_titles(response)) == count
