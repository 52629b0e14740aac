"""A representative designates a pivot; a worker of the organisation finds them in who to
call, on a phone-sized screen."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.pivots.models import Designation
from tests.browser.test_journeys import log_in
from tests.conftest import Personas

pytestmark = pytest.mark.browser

Screenshot = Callable[[Page, str], Path]


def test_a_representative_designates_a_pivot_and_a_worker_finds_them(
    live_server, transactional_db, personas: Personas, new_page, screenshot: Screenshot
):
    p = personas
    sector = Territory.objects.create(code="vanier", name_fr="Vanier", name_en="Vanier")
    prevention, _ = Stage.objects.get_or_create(
        code="prevention", defaults={"label_fr": "Prévention", "label_en": "Prevention"}
    )

    representative = new_page()
    log_in(representative, live_server, p.representative)
    representative.goto(live_server.url + reverse("pivots:designate", args=[p.org_a.pk]))
    representative.select_option("select[name=pivot]", str(p.pivot.pk))
    representative.check("input[name=level][value=primary]")
    representative.check(f"input[name=stages][value='{prevention.pk}']")
    representative.check(f"input[name=territories][value='{sector.pk}']")
    representative.check("input[name=languages][value=en]")
    representative.fill("input[name=work_phone]", "418 555-0142")
    screenshot(representative, "designate")
    representative.click("form.designation-form button[type=submit]")
    designation = Designation.objects.get()
    expect(representative).to_have_url(live_server.url + designation.get_absolute_url())

    worker = new_page()
    worker.set_viewport_size({"width": 390, "height": 844})
    log_in(worker, live_server, p.worker)
    worker.goto(live_server.url + reverse("pivots:who_to_call"))
    worker.select_option("select[name=territory]", str(sector.pk))
    worker.select_option("select[name=language]", "en")
    worker.click("form.who-form button[type=submit]")
    hit = worker.locator(".pivot-hit").first
    expect(hit).to_contain_text(p.pivot.full_name)
    expect(hit.locator("a[href='tel:418 555-0142']")).to_be_visible()
    screenshot(worker, "found-on-a-phone")
