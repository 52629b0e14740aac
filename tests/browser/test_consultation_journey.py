"""A worker consults a pivot from who to call (the guard stops a phone number without
losing the text), the pivot answers, the worker rates the answer."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from filet.consultations.models import Consultation, Status
from tests.browser.test_journeys import log_in
from tests.conftest import Personas
from tests.consultations.builders import designation_of, topic
from tests.pivots.builders import territory

pytestmark = pytest.mark.browser

Screenshot = Callable[[Page, str], Path]
QUESTION = "Une élève revient de fin de semaine avec des cadeaux coûteux. Quels signes noter?"


def test_a_worker_consults_a_pivot_who_answers_and_the_worker_rates_it(
    live_server, transactional_db, personas: Personas, new_page, page_log, screenshot: Screenshot
):
    p = personas
    chosen = designation_of(p)
    sector = territory()

    worker = new_page()
    log_in(worker, live_server, p.worker)
    worker.goto(live_server.url + reverse("pivots:who_to_call") + f"?territory={sector.pk}")
    worker.locator(".pivot-hit .pivot-ask a").first.click()
    expect(worker.locator("h1")).to_have_text("Consulter un pivot")
    worker.select_option("select[name=territory]", str(sector.pk))
    worker.select_option("select[name=topic]", str(topic().pk))
    worker.fill("textarea[name=question]", QUESTION + " Sa mère: 418 555-0199.")
    worker.click("form.consultation-form button[type=submit]")
    expect(worker.locator(".error-summary")).to_be_visible()
    expect(worker.locator("textarea[name=question]")).to_have_value(
        QUESTION + " Sa mère: 418 555-0199."
    )
    screenshot(worker, "guard")
    # The refused form answers 400, which Chromium logs: that one entry is expected.
    refused = [e for e in page_log.errors if "status of 400" in e and "/consultations/" in e]
    assert len(refused) == 1
    page_log.errors.remove(refused[0])
    worker.fill("textarea[name=question]", QUESTION)
    worker.click("form.consultation-form button[type=submit]")
    made = Consultation.objects.get()
    expect(worker).to_have_url(live_server.url + made.get_absolute_url())
    assert made.assignee == chosen.pivot

    pivot = new_page()
    log_in(pivot, live_server, p.pivot)
    pivot.goto(live_server.url + reverse("consultations:inbox"))
    pivot.click(f"text={made.reference}")
    pivot.fill("form.consultation-answer textarea[name=text]", "Notez les faits observés.")
    screenshot(pivot, "answer")
    pivot.click("form.consultation-answer button[type=submit]")
    expect(pivot.locator(".consultation-answer")).to_have_count(1)

    worker.goto(live_server.url + made.get_absolute_url())
    expect(worker.locator(".consultation-thread")).to_contain_text("Notez les faits observés.")
    worker.check("input[name=rating][value=useful]")
    worker.click("form.consultation-rate button[type=submit]")
    expect(worker.locator(".consultation-status")).to_have_text("Fermée")
    screenshot(worker, "rated")
    made.refresh_from_db()
    assert (made.status, made.rating) == (Status.CLOSED, "useful")
