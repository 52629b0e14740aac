"""The taxonomy: seeded by migration, edited by the coordinator, versioned; a retired term
leaves the form but keeps its observations and its counts."""

from datetime import date

import pytest
from django.urls import reverse

from filet.audit.models import AuditEntry
from filet.observatory.forms import ObservationForm, load_terms
from filet.observatory.stats import Query, build
from filet.taxonomy.models import TaxonomyVersion, Term, Vocabulary
from tests.conftest import login
from tests.observatory.builders import observation, term

pytestmark = pytest.mark.django_db


def _edit(term_, **overrides):
    data = {
        "family": term_.family,
        "label_fr": term_.label_fr,
        "label_en": term_.label_en,
        "definition_fr": term_.definition_fr,
        "definition_en": term_.definition_en,
        "position": term_.position,
        "is_active": "on" if term_.is_active else "",
        "version": term_.version,
    }
    data.update(overrides)
    return data


def test_the_vocabularies_of_the_domain_are_seeded_with_version_1(db):
    assert Term.objects.count() == 113
    assert Term.objects.of(Vocabulary.SECTOR).filter(code="limoilou").exists()
    assert set(Term.objects.of(Vocabulary.INDICATOR).values_list("family", flat=True)) == {
        "behaviour",
        "physical",
        "material",
        "social",
        "online",
        "vulnerability",
    }
    version = TaxonomyVersion.objects.get()
    assert (version.number, len(version.snapshot)) == (1, 113)


def test_everyone_reads_the_taxonomy(client, personas):
    login(client, personas.worker)
    response = client.get(reverse("taxonomy:index"))
    assert response.status_code == 200
    assert "Sextorsion" in response.content.decode()


def test_a_pivot_may_not_edit(client, personas):
    tiktok = term("platform", "tiktok")
    login(client, personas.pivot)
    response = client.post(tiktok.get_absolute_url(), _edit(tiktok, label_en="Changed"))
    assert response.status_code == 403
    assert Term.objects.get(pk=tiktok.pk).label_en == "TikTok"
    assert TaxonomyVersion.objects.count() == 1


def test_the_coordinator_edits_and_a_new_version_is_written(client, personas):
    tiktok = term("platform", "tiktok")
    login(client, personas.coordinator)
    response = client.post(tiktok.get_absolute_url(), _edit(tiktok, definition_en="Short videos."))
    assert response.status_code == 302
    version = TaxonomyVersion.objects.current()
    assert version.number == 2
    assert version.created_by == personas.coordinator
    snapshot = next(e for e in version.snapshot if e["id"] == tiktok.pk)
    assert snapshot["definition_en"] == "Short videos."
    assert AuditEntry.objects.get(action="taxonomy.term_changed").data["version"] == 2


def test_a_stale_edit_is_refused(client, personas):
    tiktok = term("platform", "tiktok")
    login(client, personas.coordinator)
    client.post(tiktok.get_absolute_url(), _edit(tiktok, label_en="TikTok (app)"))
    response = client.post(tiktok.get_absolute_url(), _edit(tiktok, label_en="Other"))
    assert response.status_code == 409
    assert Term.objects.get(pk=tiktok.pk).label_en == "TikTok (app)"


def test_a_new_term_needs_a_unique_code_and_a_family_for_indicators(client, personas):
    login(client, personas.coordinator)
    data = {
        "vocabulary": "indicator",
        "code": "sextortion",
        "label_fr": "X",
        "label_en": "X",
        "position": 1,
        "is_active": "on",
    }
    assert client.post(reverse("taxonomy:term_create"), data).status_code == 400
    data["code"] = "new-indicator"
    assert client.post(reverse("taxonomy:term_create"), data).status_code == 400
    data["family"] = "online"
    assert client.post(reverse("taxonomy:term_create"), data).status_code == 302
    assert Term.objects.filter(code="new-indicator", family="online").exists()
    assert TaxonomyVersion.objects.current().number == 2


def test_a_retired_term_survives_in_observations_and_trends(client, personas):
    month = date(2026, 3, 1)
    for _ in range(6):
        observation(personas, month=month, terms=(("platform", "tiktok"),))
    tiktok = term("platform", "tiktok")
    login(client, personas.coordinator)
    client.post(tiktok.get_absolute_url(), _edit(tiktok, is_active=""))
    tiktok.refresh_from_db()
    assert tiktok.is_active is False
    # Recorded under version 1, the observations keep it.
    from filet.observatory.models import Observation

    assert set(Observation.objects.values_list("taxonomy_version__number", flat=True)) == {1}
    assert TaxonomyVersion.objects.current().number == 2
    assert tiktok.pk in TaxonomyVersion.objects.get(number=1).term_ids(active=True)
    assert tiktok.pk in TaxonomyVersion.objects.get(number=2).term_ids(active=False)
    # Still counted in its period, no longer offered for new observations.
    trends = build(Query(start=month, end=month, vocabulary=Vocabulary.PLATFORM))
    row = next(r for r in trends.by_category if r.term.pk == tiktok.pk)
    assert row.values == [6]
    form = ObservationForm(terms=load_terms())
    assert tiktok.pk not in [pk for pk, _label in form.fields["platform"].choices]
    kept = Observation.objects.first()
    form = ObservationForm(terms=load_terms(keep=list(kept.terms.all())))
    assert tiktok.pk in [pk for pk, _label in form.fields["platform"].choices]
