"""The observations' list reads its page's term ids in one query instead of building every
term: it must still give each observation its own terms, in the vocabulary's order, as the
single observation does."""

import pytest

from filet.taxonomy.models import Term
from tests.api.conftest import bearer, token_for
from tests.observatory.builders import observation

pytestmark = pytest.mark.django_db


def test_list_gives_each_its_terms_in_the_vocabulary_order_as_the_detail_does(personas):
    chosen = list(Term.objects.filter(vocabulary="indicator", is_active=True))[:3]
    first = observation(personas, terms=tuple(("indicator", t.code) for t in reversed(chosen)))
    second = observation(personas, terms=(("indicator", chosen[1].code),))
    api = bearer(token_for(personas.representative))
    listed = api.get("/api/observations/").json()["results"]
    details = [api.get(f"/api/observations/{made.pk}/").json() for made in (second, first)]
    assert len(chosen) == 3
    assert [(row["id"], row["terms"]) for row in listed] == [
        (second.pk, [chosen[1].pk]),
        (first.pk, [t.pk for t in chosen]),
    ]
    assert listed == details
