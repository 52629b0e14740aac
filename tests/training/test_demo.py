"""The demo: the coverage report names the pivots who lack the pivot-role module, and a
pivot's calendar (a parsed .ics) shows their next training session."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from filet.accounts.models import User
from filet.calendars import actions as calendar_actions
from filet.training import coverage
from filet.training.models import Module, Registration


@pytest.fixture
def demo(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=None)


def test_coverage_names_the_pivots_missing_the_pivot_module(demo):
    pivot_module = Module.objects.get(title_fr="Le rôle de l'intervenant·e pivot")
    with translation.override("fr-ca"):
        report = coverage.compute(module=pivot_module)
    missing = [
        (line.person.full_name, line.organisation.acronym, line.status)
        for line in report.not_current
    ]
    assert missing == [
        ("François Leclerc", "CIUSSS-C", "missing"),
        ("James O'Connor", "CCSB", "pending"),
        ("Sophie Gagnon", "DPJ-C", "missing"),
        ("Julie Morin", "SPC", "missing"),
        ("Jade Paquette", "TRJB", "missing"),
    ]
    current = [line.person.full_name for line in report.lines if line.is_current]
    assert current == ["Mathieu Poulin", "Kim Nguyen"]


def test_the_waiting_list_and_the_pivots_calendar(demo):
    statuses = list(
        Registration.objects.filter(session__version__module__title_fr__startswith="Le rôle")
        .order_by("registered_at", "pk")
        .values_list("user__email", "status")
    )
    assert statuses == [
        ("pivot.dpj@filet.example", "registered"),
        ("pivot.police@filet.example", "registered"),
        ("pivot.rue@filet.example", "registered"),
        ("pivot.ciusss@filet.example", "waitlisted"),
    ]
    pivot = User.objects.get(email="pivot.dpj@filet.example")
    token = calendar_actions.issue_token(user=pivot)
    response = Client().get(reverse("calendars:feed", kwargs={"token": token}))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    training = [str(e["SUMMARY"]) for e in events if str(e["UID"]).startswith("training-")]
    with translation.override("fr-ca"):
        label = translation.gettext("Training: %(module)s")
    # The session she gave a month ago, the one she attends, the online one she gives.
    assert training == [
        label % {"module": "Reconnaître les signes de l'exploitation sexuelle"},
        label % {"module": "Le rôle de l'intervenant·e pivot"},
        label % {"module": "Reconnaître les signes de l'exploitation sexuelle"},
    ]
