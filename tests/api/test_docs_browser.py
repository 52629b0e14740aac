"""The documentation page in Chromium: Swagger UI from the self-hosted sidecar files runs
under Filet's Content-Security-Policy without a console error, and its "Try it out" calls
the API with the signed-in session."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.test_journeys import log_in
from tests.conftest import Personas

pytestmark = pytest.mark.browser

Screenshot = Callable[[Page, str], Path]


def test_the_documentation_page_runs_under_the_csp(
    live_server,
    transactional_db,
    personas: Personas,
    new_page,
    screenshot: Screenshot,
):
    page = new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    log_in(page, live_server, personas.representative)
    page.goto(live_server.url + reverse("api:docs"))
    expect(page.locator(".swagger-ui .title")).to_contain_text("Filet API")
    operation = page.locator("#operations-organisations-organisations_list")
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    screenshot(page, "try-it-out")
    assert outside == []
    csp = page.request.get(live_server.url + reverse("api:docs")).headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp
