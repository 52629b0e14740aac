"""Training in the browser: a pivot joins a full session's waiting list and gets the seat
when someone cancels; their calendar feed (parsed .ics) then shows the session; the
coordinator's coverage report names the pivot who lacks the required module, in French
and in English."""

import urllib.request

import pytest
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from filet.organisations.roles import Role
from filet.training import actions
from tests.browser.test_journeys import Screenshot, log_in, switch_language
from tests.conftest import Personas, make_person
from tests.training import factories

pytestmark = pytest.mark.browser


def test_waiting_list_calendar_and_coverage(
    live_server, transactional_db, personas: Personas, new_page, screenshot: Screenshot
):
    p = personas
    item = factories.module(p.coordinator, "Le rôle de l'intervenant·e pivot")
    actions.require_module(item, role=Role.PIVOT, by=p.coordinator)
    session = factories.session(item.versions.get(), p.coordinator, capacity=1)
    actions.register(session, user=p.worker, base_url=factories.BASE_URL, notify=False)
    make_person("pivot.b@test.example", p.org_b, Role.PIVOT)

    pivot_page = new_page()
    log_in(pivot_page, live_server, p.pivot)
    pivot_page.goto(live_server.url + session.get_absolute_url())
    register = reverse("training:register", kwargs={"pk": session.pk})
    pivot_page.click(f"form[action='{register}'] button")
    expect(pivot_page.get_by_role("status")).to_be_visible()
    assert session.registrations.get(user=p.pivot).status == "waitlisted"
    screenshot(pivot_page, "1-waiting-list")

    actions.cancel_registration(
        session.registrations.get(user=p.worker), by=p.worker, base_url=factories.BASE_URL
    )
    pivot_page.goto(live_server.url + reverse("calendars:subscription"))
    pivot_page.click(f"form[action='{reverse('calendars:issue')}'] button")
    feed_url = pivot_page.input_value("#feed-url")
    with urllib.request.urlopen(feed_url) as response:  # noqa: S310 — the live server
        (event,) = Calendar.from_ical(response.read()).walk("VEVENT")
    assert (str(event["UID"]), str(event["STATUS"])) == (
        f"training-session-{session.uid}@filet",
        "CONFIRMED",
    )

    coordinator_page = new_page()
    log_in(coordinator_page, live_server, p.coordinator)
    coordinator_page.goto(live_server.url + reverse("training:coverage"))
    names = coordinator_page.locator("table.coverage-missing tbody th")
    expect(names).to_have_text(["Pivot", "Pivot.B"])  # a seat is not a completion
    screenshot(coordinator_page, "2-coverage-fr")
    switch_language(coordinator_page, "en")
    expect(coordinator_page.locator("h1")).to_contain_text("Training coverage")
    screenshot(coordinator_page, "3-coverage-en")
