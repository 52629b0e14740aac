"""Response headers and the markup they depend on [3.4, 14.3].

The Content-Security-Policy forbids inline script and style; the second half of this file
checks that the pages really have none, or the browser would silently break them.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from filet.organisations.models import Role
from tests.conftest import PASSWORD, login, make_person

SIGNED_IN_PAGES = ["home", "members", "audit", "preferences", "partners", "mfa_index"]
PAGES = ["login", *SIGNED_IN_PAGES, "password_reset", "mfa_authenticate", "mfa_activate"]


def get_page(name: str, personas) -> object:
    """The response for one named page, as the person who would normally see it."""
    client = Client()
    if name == "login":
        return client.get("/comptes/login/")
    if name == "password_reset":
        return client.get("/comptes/password/reset/")
    if name == "mfa_authenticate":
        client.post("/comptes/login/", {"login": personas.worker.email, "password": PASSWORD})
        return client.get("/comptes/2fa/authenticate/")
    if name == "mfa_activate":
        newcomer = make_person("new@test.example", personas.org_a, Role.WORKER, mfa=False)
        login(client, newcomer, reauthenticated=True)
        return client.get(reverse("mfa_activate_totp"))
    if name == "audit":
        login(client, personas.privacy_officer)
        return client.get("/journal/")
    login(client, personas.representative)
    path = {
        "home": "/",
        "members": f"/partenaires/{personas.org_a.pk}/personnes/",
        "preferences": "/compte/preferences/",
        "partners": "/partenaires/",
        "mfa_index": reverse("mfa_index"),
    }[name]
    return client.get(path)


@pytest.fixture(params=PAGES)
def page(request, personas):
    response = get_page(request.param, personas)
    assert response.status_code == 200, request.param
    return response


@pytest.fixture(params=SIGNED_IN_PAGES)
def signed_in_page(request, personas):
    response = get_page(request.param, personas)
    assert response.status_code == 200, request.param
    return response


def csp_directives(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# --- Headers ------------------------------------------------------------------------------


def test_csp_forbids_inline_code_and_framing(page):
    directives = csp_directives(page)

    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert "'unsafe-eval'" not in page["Content-Security-Policy"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


def test_framing_sniffing_and_referrer_headers(page):
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"


def test_permissions_policy_turns_off_sensors(page):
    features = dict(item.split("=") for item in page["Permissions-Policy"].split(", "))

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_signed_in_pages_are_not_stored(signed_in_page):
    assert signed_in_page["Cache-Control"] == "no-store"


def test_logout_clears_the_browser_copy(client, personas):
    login(client, personas.worker)

    response = client.post(reverse("account_logout"))

    assert (response.status_code, response["Location"]) == (302, reverse("account_login"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_other_posts_do_not_clear_the_browser(client, personas):
    login(client, personas.worker)

    response = client.post("/langue/", {"language": "en"})

    assert "Clear-Site-Data" not in response


# --- Markup that the CSP would break --------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts, <style>, style= and on*= attributes,
    javascript: URLs; and every external asset. JSON data blocks are data, not code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        is_data = attributes.get("type") == "application/json"
        if tag == "script" and "src" not in attributes and not is_data:
            self.inline.append("inline <script>")
        if tag == "style":
            self.inline.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.inline.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"javascript: URL on <{tag}>")
        if tag in {"script", "link", "img"}:
            source = attributes.get("src") or attributes.get("href") or ""
            if source and not source.startswith("data:"):
                self.assets.append(source)


def parse(html: str) -> InlineCodeFinder:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder


def test_page_has_no_inline_code(page):
    assert parse(page.content.decode()).inline == []


def test_page_loads_assets_from_this_server_only(page):
    assets = parse(page.content.decode()).assets

    assert [source for source in assets if not source.startswith("/static/")] == []


def test_inline_code_finder_sees_what_it_must():
    html = (
        '<div style="x" onclick="y"><script>alert(1)</script>'
        '<script type="application/json">{}</script><script src="/static/a.js"></script>'
        '<a href="javascript:void(0)">x</a><style>p{}</style>'
        '<img src="https://cdn.example/i.png"></div>'
    )

    finder = parse(html)

    assert finder.inline == [
        "style= on <div>",
        "onclick= on <div>",
        "inline <script>",
        "javascript: URL on <a>",
        "<style> element",
    ]
    assert finder.assets == ["/static/a.js", "https://cdn.example/i.png"]
