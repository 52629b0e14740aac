"""Deny by default, as data: docs/permissions.md is requested URL by URL, persona by persona."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.matrix import documented_names, rules
from tests.access.targets import build
from tests.conftest import Personas, login

RULES = rules()


def _outcome(response) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("account_login")):
        return "login"
    return str(response.status_code)


def _request(client: Client, rule, personas: Personas) -> str:
    kwargs, data = build(rule.url_name, personas)
    url = reverse(rule.url_name, kwargs=kwargs)
    if rule.method == "POST":
        return _outcome(client.post(url, data))
    return _outcome(client.get(url))


@pytest.mark.parametrize("rule", RULES, ids=[rule.url_name for rule in RULES])
def test_each_persona_gets_the_documented_answer(rule, personas):
    actual = {}
    for persona in rule.expected:
        client = Client()
        if persona != "anonymous":
            login(client, personas.by_name(persona), reauthenticated=True)
        actual[persona] = _request(client, rule, personas)
    assert actual == rule.expected


def _named_urls(patterns, namespace="") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace or ""
            names |= _named_urls(pattern.url_patterns, inner.strip(":"))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_of_filet_is_in_the_matrix():
    names = {n for n in _named_urls(get_resolver().url_patterns) if not n.startswith("admin:")}
    missing = names - documented_names()
    assert missing == set()


def test_the_matrix_names_no_url_that_does_not_exist():
    names = _named_urls(get_resolver().url_patterns)
    assert documented_names() - names == set()


def test_the_matrix_has_a_column_per_persona_and_anonymous():
    expected = {
        "anonymous",
        "coordinator",
        "representative",
        "pivot",
        "worker",
        "manager",
        "privacy_officer",
        "researcher",
        "administrator",
        "outsider",
    }
    assert all(set(rule.expected) == expected for rule in RULES)


def test_admin_login_refuses_a_signed_in_person_who_is_not_staff(client, personas):
    login(client, personas.coordinator)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_admin_site_does_not_offer_sensitive_models():
    from django.contrib import admin

    from allauth.mfa.models import Authenticator

    from filet.accounts.models import Invitation
    from filet.audit.models import AuditEntry, ChainHead

    registered = set(admin.site._registry)
    assert registered.isdisjoint({AuditEntry, ChainHead, Authenticator, Invitation})


def test_admin_sends_an_anonymous_visitor_to_filets_login(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
