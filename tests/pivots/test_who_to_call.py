from datetime import time
from io import StringIO

import pytest
import time_machine
from django import forms as django_forms
from django.core.management import call_command
from django.urls import reverse

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from filet.accounts.models import User
from filet.organisations.models import Organisation, OrganisationType, Role
from filet.pivots.forms import WhoToCallForm
from filet.pivots.models import Level, Milieu
from tests.conftest import login, make_person
from tests.pivots.builders import designation, milieu, stage, territory

pytestmark = pytest.mark.django_db
URL = reverse("pivots:who_to_call")
TUESDAY_10H = "2026-06-09 10:00 -0400"
WEEKDAYS = [(day, time(9, 0), time(17, 0)) for day in range(5)]


def _names(response):
    return [hit.designation.pivot.email for hit in response.context["answer"].hits]


def _person(p, email, organisation=None):
    return make_person(email, organisation or p.org_a, Role.WORKER, mfa=False)


@time_machine.travel(TUESDAY_10H, tick=False)
def test_primary_before_backup_then_available_now_then_own_organisation(client, personas):
    p = personas
    place = territory("limoilou")
    designation(
        p, pivot=_person(p, "backup-available@test.example"), level=Level.BACKUP, slots=WEEKDAYS
    )
    designation(p, pivot=_person(p, "primary-away@test.example"))
    designation(p, pivot=_person(p, "primary-here@test.example"), slots=WEEKDAYS)
    other = _person(p, "other-org@test.example", p.org_b)
    from filet.pivots import actions
    from tests.pivots.builders import data

    actions.designate(p.org_b, by=p.outsider, pivot=other, data=data(slots=WEEKDAYS))
    login(client, p.worker)
    response = client.get(URL, {"territory": place.pk})
    assert response.status_code == 200
    assert _names(response) == [
        "primary-here@test.example",
        "other-org@test.example",
        "primary-away@test.example",
        "backup-available@test.example",
    ]
    hits = response.context["answer"].hits
    assert [(h.available, h.own) for h in hits] == [
        (True, True),
        (True, False),
        (False, True),
        (True, True),
    ]


def test_language_and_stage_narrow_the_list(client, personas):
    p = personas
    designation(p, pivot=_person(p, "fr@test.example"), languages=["fr"])
    designation(
        p, pivot=_person(p, "en@test.example"), languages=["en"], stages=[stage("detection")]
    )
    login(client, p.worker)
    assert _names(client.get(URL, {"territory": territory().pk, "language": "en"})) == [
        "en@test.example"
    ]
    assert _names(
        client.get(URL, {"territory": territory().pk, "stage": stage("prevention").pk})
    ) == ["fr@test.example"]
    assert _names(client.get(URL, {"territory": territory().pk, "topic": "dépistage"})) == [
        "en@test.example"
    ]


def test_a_milieu_finds_its_own_pivot_first(client, personas):
    p = personas
    school = milieu(p, "École des Pins", "vanier")
    designation(p, pivot=_person(p, "vanier@test.example"), territories=[territory("vanier")])
    designation(
        p,
        pivot=_person(p, "school@test.example"),
        territories=[territory("limoilou")],
        milieux=[school],
    )
    login(client, p.worker)
    assert _names(client.get(URL, {"milieu": school.pk})) == [
        "school@test.example",
        "vanier@test.example",
    ]


def test_nobody_is_never_the_whole_answer(client, personas):
    p = personas
    Organisation.objects.create(
        name_fr="Coordination régionale", type=OrganisationType.COORDINATION
    )
    designation(p, pivot=_person(p, "fr@test.example"), languages=["fr"])
    login(client, p.worker)
    response = client.get(URL, {"territory": territory().pk, "language": "en"})
    answer = response.context["answer"]
    assert answer.hits == []
    assert answer.why == "language"
    assert [h.designation.pivot.email for h in answer.closest] == ["fr@test.example"]
    assert [o.name_fr for o in answer.fallback] == ["Coordination", "Coordination régionale"]

    empty = client.get(URL, {"territory": territory("levis").pk}).context["answer"]
    assert (empty.hits, empty.closest, empty.why) == ([], [], "place")
    page = client.get(URL, {"territory": territory("levis").pk}).content.decode()
    assert 'id="fallback-title"' in page


def test_a_question_without_a_place_is_sent_back(client, personas):
    login(client, personas.worker)
    response = client.get(URL, {"language": "en"})
    assert response.context["answer"] is None
    assert list(response.context["form"].errors) == ["__all__"]


def test_the_administrator_gets_404(client, personas):
    login(client, personas.administrator)
    assert client.get(URL).status_code == 404


def test_the_pocket_card_lists_the_milieu_pivots(client, personas):
    p = personas
    school = milieu(p)
    designation(p, milieux=[school])
    login(client, p.outsider)
    response = client.get(reverse("pivots:card", args=[school.pk]))
    assert response.status_code == 200
    assert [h.designation.pivot for h in response.context["answer"].hits] == [p.pivot]


@pytest.mark.parametrize("size", [2, 12])
def test_query_count_does_not_grow(client, personas, django_assert_max_num_queries, size):
    p = personas
    for n in range(size):
        designation(p, pivot=_person(p, f"p{n}-{size}@test.example"), slots=WEEKDAYS)
    login(client, p.worker)
    with django_assert_max_num_queries(17):
        response = client.get(URL, {"territory": territory().pk})
    assert len(response.context["answer"].hits) == size


def test_on_the_demo_a_worker_at_the_english_school_finds_an_english_pivot_in_two_steps(client, db):
    call_command("seed_demo", stdout=StringIO())
    teacher = User.objects.get(email="teacher.central@filet.example")
    TOTP.activate(teacher, generate_totp_secret())  # as after her own enrolment
    school = Milieu.objects.get(name="Quebec High School (fictional)")
    login(client, teacher)
    # Step 1: open "Who to call" (the nav entry); English is already chosen for her.
    first = client.get(URL)
    assert first.context["form"]["language"].value() == "en"
    # Step 2: pick her school and search.
    second = client.get(URL, {"milieu": school.pk, "language": "en"})
    top = second.context["answer"].hits[0]
    assert top.designation.pivot.email == "pivot.central@filet.example"
    assert (top.designation.level, top.in_milieu, "en" in top.designation.languages) == (
        "primary",
        True,
        True,
    )
    assert "418 555-0141" in second.content.decode()


def test_the_question_form_renders_its_lists_as_django_would(personas):
    """The form's three lists use the one-query, one-template select; the HTML must be what
    Django's own ModelChoiceField and Select give for the same choices."""
    milieu(personas, "École <Saint-Jean> & fils")
    territory("vanier")
    stage("support")
    form = WhoToCallForm(data={"territory": territory().pk, "stage": stage().pk})
    for name in ("milieu", "territory", "stage"):
        field = form.fields[name]
        plain = django_forms.ModelChoiceField(queryset=field.queryset, required=False)
        plain.label_from_instance = field.label_from_instance  # type: ignore[method-assign]
        expected = plain.widget.render(name, form[name].value(), attrs={"id": f"id_{name}"})
        assert str(form[name].as_widget()) == expected, name
    assert "&lt;Saint-Jean&gt; &amp; fils" in str(form["milieu"].as_widget())
