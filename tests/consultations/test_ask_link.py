"""The "Ask this pivot" link under each hit of who to call: exact markup, for askers only,
never to oneself."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.pivots.builders import designation

pytestmark = pytest.mark.django_db
TAG = Template("{% load consultations %}[{% ask_link d %}]")


def _render(user, made, language="fr"):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return TAG.render(Context({"request": request, "d": made}))


def test_a_worker_gets_the_link_in_their_language(personas):
    made = designation(personas)
    url = f"{reverse('consultations:ask')}?designation={made.pk}"
    assert _render(personas.worker, made) == (
        f'[<p class="pivot-ask no-print"><a class="button button-small" href="{url}">'
        "Consulter ce pivot</a></p>]"
    )
    assert _render(personas.worker, made, "en") == (
        f'[<p class="pivot-ask no-print"><a class="button button-small" href="{url}">'
        "Ask this pivot</a></p>]"
    )


@pytest.mark.parametrize("who", ["pivot", "manager", "coordinator"])
def test_no_link_to_oneself_nor_for_those_who_do_not_ask(personas, who):
    made = designation(personas)  # personas.pivot is the designated pivot
    assert _render(personas.by_name(who), made) == "[]"


def test_no_link_without_a_request(personas):
    made = designation(personas)
    assert TAG.render(Context({"d": made})) == "[]"
