"""The main journeys, driven through Debian's Chromium against a live server.

Each test fails if the browser logged a console error (see conftest.py): that is how a
Content-Security-Policy violation shows up.
"""

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from filet.accounts.models import Invitation, User
from filet.organisations.models import Membership
from filet.organisations.roles import Role
from tests.conftest import PASSWORD, Personas, make_person, totp_now

pytestmark = pytest.mark.browser

Screenshot = Callable[[Page, str], Path]

NEW_PASSWORD = "a lighthouse keeps the harbour lit"
LOGIN = reverse("account_login")
MFA_AUTHENTICATE = reverse("mfa_authenticate")
TOTP_ENROLMENT = reverse("mfa_activate_totp")
REAUTHENTICATE = reverse("account_reauthenticate")
HOME = reverse("dashboard:home")


def at_path(path: str) -> re.Pattern[str]:
    """Matches a URL whose path is exactly `path`, whatever the query string."""
    return re.compile(rf"^https?://[^/]+{re.escape(path)}(\?.*)?$")


def wait_out_totp_window_end() -> None:
    # allauth accepts only the current 30-second window (no tolerance): a code typed in its
    # last instant could reach the server one window too late, so start a fresh window.
    remaining = 30 - time.time() % 30
    if remaining < 2:
        time.sleep(remaining + 0.1)


def current_code(secret: str) -> str:
    wait_out_totp_window_end()
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def submit_password(page: Page, live_server, email: str, password: str = PASSWORD) -> None:
    page.goto(live_server.url + LOGIN)
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("button.login-submit")


def enter_totp(page: Page, user: User) -> None:
    wait_out_totp_window_end()
    page.fill("input[name=code]", totp_now(user))
    page.press("input[name=code]", "Enter")


def log_in(page: Page, live_server, user: User) -> None:
    """Password, then the TOTP second step; ends on the home page."""
    submit_password(page, live_server, user.email)
    expect(page).to_have_url(at_path(MFA_AUTHENTICATE))
    enter_totp(page, user)
    expect(page).to_have_url(at_path(HOME))


def reauthenticate_with_password(page: Page, password: str = PASSWORD) -> None:
    expect(page).to_have_url(at_path(REAUTHENTICATE))
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")


def switch_language(page: Page, lang: str) -> None:
    page.click("form.language-switcher button")
    expect(page.locator("html")).to_have_attribute("lang", lang)


def unlabelled_inputs(page: Page) -> list[str]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("input"))
            .filter((input) => !["hidden", "submit"].includes(input.type))
            .filter((input) => input.labels.length === 0)
            .map((input) => input.name || input.id || input.outerHTML)"""
    )


def test_person_logs_in_with_totp_switches_language_and_logs_out(
    live_server, transactional_db, personas: Personas, page: Page, screenshot: Screenshot
):
    worker = personas.worker

    page.goto(live_server.url + HOME)
    expect(page).to_have_url(at_path(LOGIN))
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    expect(page.locator("input[name=login]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
    screenshot(page, "1-login-fr")

    submit_password(page, live_server, worker.email)
    expect(page).to_have_url(at_path(MFA_AUTHENTICATE))
    expect(page.locator("input[name=code]")).to_be_visible()
    screenshot(page, "2-second-step")

    enter_totp(page, worker)
    expect(page).to_have_url(at_path(HOME))
    expect(page.locator("h1")).to_contain_text(worker.get_short_name())
    screenshot(page, "3-home-fr")

    switch_language(page, "en")
    expect(page).to_have_url(at_path(HOME))
    expect(page.locator("h1")).to_have_text(f"Hello, {worker.get_short_name()}")
    screenshot(page, "4-home-en")

    page.goto(live_server.url + reverse("organisations:list"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    worker.refresh_from_db()
    assert worker.language == "en"
    screenshot(page, "5-partners-en")

    page.click(f"form[action='{reverse('account_logout')}'] button")
    expect(page).to_have_url(at_path(LOGIN))
    expect(page.locator("button.login-submit")).to_be_visible()
    screenshot(page, "6-logged-out")

    page.goto(live_server.url + HOME)
    expect(page).to_have_url(re.compile(rf"{re.escape(LOGIN)}\?next=/$"))


def test_person_without_authenticator_is_confined_to_totp_enrolment(
    live_server, transactional_db, personas: Personas, page: Page, screenshot: Screenshot
):
    newcomer = make_person("newcomer@test.example", personas.org_a, Role.WORKER, mfa=False)

    submit_password(page, live_server, newcomer.email)
    reauthenticate_with_password(page)
    expect(page).to_have_url(at_path(TOTP_ENROLMENT))
    screenshot(page, "1-enrolment")

    for path in [HOME, reverse("organisations:list"), reverse("accounts:preferences")]:
        page.goto(live_server.url + path)
        expect(page).to_have_url(at_path(TOTP_ENROLMENT))

    assert unlabelled_inputs(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", current_code(secret))
    page.press("input[name=code]", "Enter")
    expect(page).to_have_url(at_path(reverse("mfa_view_recovery_codes")))
    screenshot(page, "2-recovery-codes")

    page.goto(live_server.url + HOME)
    expect(page).to_have_url(at_path(HOME))
    expect(page.locator("h1")).to_contain_text(newcomer.get_short_name())
    screenshot(page, "3-home")


def test_representative_invites_a_person_who_then_creates_an_account(
    live_server,
    transactional_db,
    personas: Personas,
    page: Page,
    new_page: Callable[[], Page],
    screenshot: Screenshot,
):
    members_url = live_server.url + reverse("organisations:members", args=[personas.org_a.pk])
    log_in(page, live_server, personas.representative)
    page.goto(members_url)
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    assert unlabelled_inputs(page) == []
    screenshot(page, "1-members-fr")

    invite_form = page.locator("section[aria-labelledby=invite-title] form")
    invite_form.locator("input[name=full_name]").fill("Camille Nouvelle")
    invite_form.locator("input[name=email]").fill("camille@test.example")
    invite_form.locator("select[name=role]").select_option(Role.PIVOT.value)
    invite_form.locator("select[name=language]").select_option("en")
    invite_form.locator("button[type=submit]").click()
    screenshot(page, "2-reauthenticate")
    reauthenticate_with_password(page)

    expect(page).to_have_url(members_url)
    pending = page.get_by_role("row", name="Camille Nouvelle <camille@test.example>")
    expect(pending).to_be_visible()
    invitation = Invitation.objects.pending().get()
    assert (invitation.email, invitation.role, invitation.language) == (
        "camille@test.example",
        Role.PIVOT,
        "en",
    )
    screenshot(page, "3-invitation-pending-fr")
    switch_language(page, "en")
    screenshot(page, "4-members-en")

    assert [message.to for message in mail.outbox] == [["camille@test.example"]]
    assert mail.outbox[0].subject == "Invitation to Filet — Organisation A"
    link = re.search(r"https?://\S+/compte/invitation/\S+/", str(mail.outbox[0].body))
    assert link is not None and link.group().startswith(live_server.url)

    newcomer_page = new_page()
    newcomer_page.goto(link.group())
    expect(newcomer_page.locator("html")).to_have_attribute("lang", "en")
    assert unlabelled_inputs(newcomer_page) == []
    screenshot(newcomer_page, "5-accept-invitation")
    newcomer_page.fill("input[name=password1]", NEW_PASSWORD)
    newcomer_page.fill("input[name=password2]", NEW_PASSWORD)
    newcomer_page.press("input[name=password2]", "Enter")
    expect(newcomer_page).to_have_url(at_path(LOGIN))
    screenshot(newcomer_page, "6-login-after-acceptance")

    camille = User.objects.get(email="camille@test.example")
    assert list(Membership.objects.current().filter(user=camille).values_list("role")) == [
        (Role.PIVOT.value,)
    ]
    submit_password(newcomer_page, live_server, camille.email, NEW_PASSWORD)
    reauthenticate_with_password(newcomer_page, NEW_PASSWORD)
    expect(newcomer_page).to_have_url(at_path(TOTP_ENROLMENT))
    screenshot(newcomer_page, "7-enrolment")


@pytest.mark.parametrize("signed_in", [False, True], ids=["login", "home"])
def test_tab_first_reaches_the_skip_link_and_every_input_is_labelled(
    live_server,
    transactional_db,
    personas: Personas,
    page: Page,
    screenshot: Screenshot,
    signed_in: bool,
):
    if signed_in:
        log_in(page, live_server, personas.manager)
    else:
        page.goto(live_server.url + LOGIN)
    skip_link = page.locator("a.skip-link")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    screenshot(page, "skip-link")
    assert unlabelled_inputs(page) == []


def dangling_descriptions(page: Page) -> list[str]:
    """Inputs whose aria-describedby names an element that is not on the page."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("[aria-describedby]"))
            .flatMap((element) => element.getAttribute("aria-describedby").split(/\\s+/)
                .filter((id) => id && !document.getElementById(id))
                .map((id) => `${element.name || element.id} -> #${id}`))"""
    )


def test_help_text_is_announced_with_its_field_on_the_login_page(
    live_server, transactional_db, page: Page
):
    page.goto(live_server.url + LOGIN)
    expect(page.locator("button.login-submit")).to_be_visible()
    assert dangling_descriptions(page) == []
