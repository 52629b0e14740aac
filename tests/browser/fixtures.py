"""Playwright fixtures: one headless Debian Chromium per session, a fresh context per page.

Every page opened through these fixtures records console errors and uncaught exceptions;
a test fails at teardown if any were logged, so a Content-Security-Policy violation or a
broken script never passes unnoticed.
"""

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    ViewportSize,
    sync_playwright,
)

# Playwright's sync API keeps an event loop running in this thread, which trips Django's
# async-safety check on every ORM call made by the test itself (fixtures, assertions).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@dataclass
class PageLog:
    """What the browser complained about while a test ran."""

    errors: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def page_error(self, error: Error) -> None:
        self.errors.append(f"pageerror: {error.message}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # Keeps each phase's report on the item, so teardown knows whether the test body passed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def new_page(
    browser: Browser, page_log: PageLog, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Page]]:
    """Opens a page in a context of its own (no shared cookies), e.g. a second person."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        opened = context.new_page()
        opened.on("console", page_log.console)
        opened.on("pageerror", page_log.page_error)
        return opened

    yield open_page
    report = getattr(request.node, "report_call", None)
    failed = bool(report and report.failed)
    for number, context in enumerate(contexts, start=1):
        if failed:
            for opened in context.pages:
                save_screenshot(opened, f"{artefact_name(request)}-failure-{number}")
        context.close()
    if report and failed:
        # The failure is already reported; attach the errors to it rather than fail twice.
        report.sections.append(("browser errors", "\n".join(page_log.errors)))
        return
    assert page_log.errors == [], "the browser logged errors:\n" + "\n".join(page_log.errors)


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
    return new_page()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """`screenshot(page, "step")` saves test-artifacts/screenshots/<test>-<step>.png."""

    def take(target: Page, step: str) -> Path:
        return save_screenshot(target, f"{artefact_name(request)}-{step}")

    return take


def artefact_name(request: pytest.FixtureRequest) -> str:
    # "test_x[home]" becomes "test_x-home".
    return re.sub(r"[^\w.-]+", "_", request.node.name.replace("[", "-").rstrip("]"))


def save_screenshot(target: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    target.screenshot(path=str(path), full_page=True)
    return path
