"""Need to know with three organisations: A asks, B's pivot answers after a redirect from
A's pivot, C has nothing to do with it. Outsiders get 404, and lists never show it."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from filet.audit.models import AuditEntry, Outcome
from filet.consultations import actions
from filet.consultations.models import Consultation
from filet.organisations.models import Organisation, OrganisationType, Role
from filet.pivots import actions as pivot_actions
from tests.conftest import login, make_person
from tests.consultations.builders import consultation
from tests.pivots.builders import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(personas):
    p = personas
    org_c = Organisation.objects.create(name_fr="Organisme C", type=OrganisationType.STREET_WORK)
    pivot_b = make_person("pivot-b@test.example", p.org_b, Role.PIVOT)
    pivot_c = make_person("pivot-c@test.example", org_c, Role.PIVOT)
    rep_c = make_person("rep-c@test.example", org_c, Role.REPRESENTATIVE)
    designation_b = pivot_actions.designate(p.org_b, by=p.outsider, pivot=pivot_b, data=data())
    pivot_actions.designate(org_c, by=rep_c, pivot=pivot_c, data=data())
    made = consultation(p)
    actions.redirect(
        made,
        by=p.pivot,
        version=made.version,
        designation=designation_b,
        reason="Secteur de B.",
        submission=uuid.uuid4(),
    )
    return p, made, pivot_b, pivot_c, rep_c


def _get(user, url):
    return login(Client(), user).get(url)


def test_requester_pivots_and_their_representatives_read_it(three):
    p, made, pivot_b, _pivot_c, _rep_c = three
    url = reverse("consultations:detail", args=[made.pk])
    for reader in (p.worker, p.pivot, p.representative, pivot_b, p.outsider):
        assert _get(reader, url).status_code == 200, reader
    assert (
        AuditEntry.objects.filter(action="consultation.viewed", target_id=str(made.pk)).count() == 5
    )


def test_everyone_else_gets_404_and_the_refusal_is_logged(three):
    p, made, _pivot_b, pivot_c, rep_c = three
    url = reverse("consultations:detail", args=[made.pk])
    for outsider in (pivot_c, rep_c, p.coordinator, p.manager, p.researcher, p.privacy_officer):
        assert _get(outsider, url).status_code == 404, outsider
    denied = AuditEntry.objects.filter(action="access.denied", outcome=Outcome.DENIED)
    assert denied.count() == 6
    assert _get(pivot_c, reverse("consultations:answer", args=[made.pk])).status_code == 405
    response = login(Client(), pivot_c).post(reverse("consultations:answer", args=[made.pk]), {})
    assert response.status_code == 404


def test_the_previous_pivot_reads_but_may_not_act(three):
    p, made, _pivot_b, _pivot_c, _rep_c = three
    response = login(Client(), p.pivot).post(
        reverse("consultations:answer", args=[made.pk]),
        {"version": 2, "text": "Réponse.", "submission": uuid.uuid4()},
    )
    assert response.status_code == 403
    assert Consultation.objects.get(pk=made.pk).messages.count() == 0


def test_lists_show_it_only_to_those_who_know(three):
    p, made, pivot_b, pivot_c, rep_c = three
    assert set(Consultation.objects.visible_to(pivot_c)) == set()
    assert set(Consultation.objects.visible_to(rep_c)) == set()
    assert set(Consultation.objects.visible_to(p.coordinator)) == set()
    assert set(Consultation.objects.visible_to(pivot_b)) == {made}
    inbox = _get(pivot_c, reverse("consultations:inbox")).content.decode()
    assert made.reference not in inbox
    assert made.reference in _get(pivot_b, reverse("consultations:inbox")).content.decode()
