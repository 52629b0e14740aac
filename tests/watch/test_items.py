import pytest
from django.urls import reverse
from django.utils import translation

from filet.audit.models import AuditEntry
from filet.watch.models import WatchItem
from tests.conftest import login
from tests.watch.builders import post

CREATE = reverse("watch:create")


def _form(**extra):
    return {
        "kind": "research",
        "title_fr": "Rapport sur le recrutement en ligne",
        "summary_fr": "Une étude montre la hausse du recrutement par les réseaux sociaux.",
        "title_en": "",
        "summary_en": "",
        "keywords": "recherche",
        "source_name": "Centre de recherche",
        "source_url": "https://example.org/etude",
        "published_on": "2026-10-20",
        "submission": "s1",
        **extra,
    }


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(reverse("watch:list"))["Location"].startswith(reverse("account_login"))


def test_the_administrator_reads_no_content(client, personas):
    login(client, personas.administrator)
    assert client.get(reverse("watch:list")).status_code == 404


def test_a_worker_reads_but_may_not_post(client, personas):
    post(personas.pivot)
    login(client, personas.worker)
    assert client.get(reverse("watch:list")).status_code == 200
    assert client.post(CREATE, _form()).status_code == 403
    assert WatchItem.objects.count() == 1


def test_a_pivot_posts_an_item_once_even_on_double_submit(client, personas):
    login(client, personas.pivot)
    first = client.post(CREATE, _form())
    client.post(CREATE, _form())
    item = WatchItem.objects.get()
    assert first["Location"] == item.get_absolute_url()
    assert (item.author, item.kind, item.source_url) == (
        personas.pivot,
        "research",
        "https://example.org/etude",
    )
    assert AuditEntry.objects.filter(action="watch.item_posted", actor=personas.pivot).count() == 1


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd"]
)
def test_a_source_that_is_not_http_is_refused(client, personas, url):
    login(client, personas.pivot)
    response = client.post(CREATE, _form(source_url=url))
    assert response.status_code == 400
    assert "source_url" in response.context["form"].errors
    assert response.context["form"].data["title_fr"] == "Rapport sur le recrutement en ligne"
    assert WatchItem.objects.count() == 0


def test_an_identifier_in_the_summary_is_refused_and_the_text_kept(client, personas):
    login(client, personas.pivot)
    text = "Une jeune joignable au 418-555-0199 a parlé de l'application."
    response = client.post(CREATE, _form(summary_fr=text))
    assert response.status_code == 400
    assert response.context["form"].errors["summary_fr"][0].startswith("Un numéro de téléphone")
    assert response.context["form"].data["summary_fr"] == text
    assert WatchItem.objects.count() == 0


def test_a_title_is_needed_in_one_language(client, personas):
    login(client, personas.pivot)
    response = client.post(CREATE, _form(title_fr="", summary_fr=""))
    with translation.override("en"):  # lazy messages are rendered when read
        assert response.context["form"].errors["title_fr"] == [
            "Give a title in French, in English or in both."
        ]


def test_only_the_author_or_the_coordinator_edits(client, personas):
    item = post(personas.pivot)
    url = reverse("watch:edit", kwargs={"pk": item.pk})
    other = personas.by_name("coordinator")
    login(client, personas.outsider)
    assert client.post(url, _form(version=1)).status_code == 403
    login(client, other)
    assert client.post(url, _form(version=1, title_fr="Titre revu")).status_code == 302
    item.refresh_from_db()
    assert (item.title_fr, item.version) == ("Titre revu", 2)


def test_the_second_of_two_editors_is_told(client, personas):
    item = post(personas.pivot)
    url = reverse("watch:edit", kwargs={"pk": item.pk})
    login(client, personas.pivot)
    client.post(url, _form(version=1, title_fr="Premier"))
    response = client.post(url, _form(version=1, title_fr="Second"))
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.title_fr == "Premier"


@pytest.mark.parametrize("count", [3, 20])
def test_the_list_query_count_is_flat(client, personas, count, django_assert_max_num_queries):
    for number in range(count):
        post(personas.pivot, title_fr=f"Élément {number}")
    login(client, personas.worker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("watch:list"))
    assert len(response.context["page"]) == count
