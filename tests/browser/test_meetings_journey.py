"""The Table's chain in the browser: at today's meeting the coordinator registers a question,
records a resolution that creates two actions for two partners and adopts the previous
minutes; the next meeting's agenda then shows the open question and the business arising."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from filet.meetings import actions
from filet.plans.models import Action
from tests.browser.test_journeys import Screenshot, log_in, switch_language
from tests.conftest import Personas
from tests.meetings.builders import make_meeting, make_plan, seat

pytestmark = pytest.mark.browser


def test_meeting_question_resolution_actions_and_next_agenda(
    live_server, transactional_db, personas: Personas, page: Page, screenshot: Screenshot
):
    p = personas
    seat(p.org_a, p.org_b)
    previous = make_meeting(p, starts_at=timezone.now() - timedelta(days=40), title="Septembre")
    minutes = actions.save_minutes(previous, by=p.coordinator, text="Ouverture.", version=0)
    actions.circulate_minutes(minutes, by=p.coordinator)
    today = make_meeting(p, starts_at=timezone.now() - timedelta(hours=1), title="Octobre")
    following = make_meeting(p, starts_at=timezone.now() + timedelta(days=30), title="Novembre")
    _plan, objective = make_plan(p)
    log_in(page, live_server, p.coordinator)

    page.goto(live_server.url + reverse("meetings:question_create", kwargs={"pk": today.pk}))
    page.fill("textarea[name=text]", "Qui joint les pivots le soir ?")
    page.select_option("select[name=organisation]", str(p.org_b.pk))
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Octobre")

    page.goto(live_server.url + reverse("meetings:resolution_create", kwargs={"pk": today.pk}))
    page.fill("textarea[name=decision]", "La Table met en place une liste de garde des pivots.")
    page.select_option("select[name=follow_up_organisation]", str(p.org_a.pk))
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    for row, (title, organisation) in enumerate(
        [("Publier la liste", p.org_a), ("Informer les patrouilles", p.org_b)]
    ):
        page.select_option(f"select[name=actions-{row}-objective]", str(objective.pk))
        page.fill(f"input[name=actions-{row}-title]", title)
        page.select_option(f"select[name=actions-{row}-organisation]", str(organisation.pk))
        page.fill(f"input[name=actions-{row}-due_on]", due)
    screenshot(page, "1-resolution-form")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text(f"{timezone.localtime(today.starts_at).year}-01")
    assert sorted(Action.objects.values_list("responsible__acronym", flat=True)) == ["OA", "OB"]

    page.goto(live_server.url + today.get_absolute_url())
    adopt = reverse("meetings:minutes_adopt", kwargs={"pk": today.pk, "minutes_pk": minutes.pk})
    page.click(f"form[action='{adopt}'] button")
    expect(page.get_by_role("status")).to_contain_text("adopt")
    minutes.refresh_from_db()
    assert (minutes.status, minutes.adopted_at_meeting) == ("adopted", today)

    page.goto(live_server.url + following.get_absolute_url())
    expect(page.locator("#open-questions")).to_contain_text("Qui joint les pivots le soir ?")
    expect(page.locator("#business-arising")).to_contain_text("Publier la liste")
    expect(page.locator("#business-arising")).to_contain_text("Informer les patrouilles")
    screenshot(page, "2-next-agenda-fr")
    switch_language(page, "en")
    expect(page.locator("#business-arising")).to_contain_text("Business arising")
    screenshot(page, "3-next-agenda-en")
