"""Walks Filet as the permission matrix describes it: every page each URL shows to someone
allowed to see it, and every form those pages offer."""

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.access.matrix import rules
from tests.access.targets import build
from tests.attack.pages import Form, forms
from tests.conftest import Personas, login

# Forms the crawler leaves alone: they end the session or change the person's own sign-in.
SKIPPED_FORMS = ("account_", "mfa_", "set_language")


@dataclass
class Page:
    url_name: str
    persona: str
    url: str


@dataclass
class FoundForm:
    url_name: str  # the URL the form posts to
    persona: str  # who saw it
    page: str  # where it is
    action: str
    method: str = "post"


class Clients:
    """One signed-in, re-authenticated client per persona."""

    def __init__(self, personas: Personas) -> None:
        self.personas = personas
        self._clients: dict[str, Client] = {}

    def __getitem__(self, persona: str) -> Client:
        if persona not in self._clients:
            client = Client(raise_request_exception=False)
            if persona != "anonymous":
                login(client, self.personas.by_name(persona), reauthenticated=True)
            self._clients[persona] = client
        return self._clients[persona]


def pages(personas: Personas, only: set[str] | None = None) -> Iterator[Page]:
    """Each GET URL of the matrix once, as the first persona it answers 200 (a fresh target)."""
    seen: set[str] = set()
    for rule in rules():
        if rule.method != "GET" or rule.url_name in seen or rule.url_name == "admin:index":
            continue
        if only and rule.url_name not in only:
            continue
        persona = next((p for p, answer in rule.expected.items() if answer == "200"), None)
        if persona is None:
            continue
        seen.add(rule.url_name)
        kwargs, _data = build(rule.url_name, personas)
        yield Page(rule.url_name, persona, reverse(rule.url_name, kwargs=kwargs))


# The pages found to carry forms, remembered by URL name for the next walk of this run.
_PAGES_WITH_FORMS: set[str] = set()


def remember_forms(page: Page, html: str) -> None:
    """Note that this page carries forms, for the next walk of this run."""
    if any(forms_on(page, html, ("post", "get"))):
        _PAGES_WITH_FORMS.add(page.url_name)


def pages_with_forms(
    personas: Personas, clients: "Clients", methods: tuple[str, ...] = ("post",)
) -> Iterator[tuple[FoundForm, Form]]:
    """Every form of every page; a second walk in the same run requests only the pages the
    first one found forms on (with fresh targets)."""
    for page in pages(personas, only=set(_PAGES_WITH_FORMS)):
        response = clients[page.persona].get(page.url)
        if response.status_code == 200 and is_html(response):
            for found, form in forms_on(page, response.content.decode(), ("post", "get")):
                _PAGES_WITH_FORMS.add(page.url_name)
                if form.method in methods:
                    yield found, form


def _url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def forms_on(
    page: Page, html: str, methods: tuple[str, ...] = ("post",)
) -> Iterator[tuple[FoundForm, Form]]:
    for form in forms(html):
        if form.method not in methods:
            continue
        action = form.action or page.url
        name = _url_name(action)
        if name and not name.startswith(SKIPPED_FORMS):
            yield FoundForm(name, page.persona, page.url, action, form.method), form


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")
