"""CSRF on every state-changing URL, derived from the URL patterns and the permission matrix.

Every URL of docs/permissions.md is posted to by a person the matrix lets in (for a POST row:
one it lets act), with the CSRF cookie but no token, then with a token that does not match:
403 from the CSRF check, nothing written. A URL added to Filet must be added to the matrix
(tests/access), so it is covered here without a line to write."""

import logging
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.crypto import get_random_string

from filet.audit.models import AuditEntry
from tests.access.matrix import DOC, documented_names, rules
from tests.access.targets import build
from tests.conftest import Personas, login

# Reached the view: an answer, a redirect, a form sent back, or "not with this method".
ACTING = re.compile(r"^(2\d\d|3\d\d|400|405)$")
AUTH_ROW = re.compile(r"^\|\s*`(?P<name>[^`]+)`\s*\|\s*(?P<access>public|self)\b")


def _acting_persona(expected: dict[str, str]) -> str | None:
    return next((who for who, answer in expected.items() if ACTING.match(answer)), None)


def matrix_targets() -> dict[str, str]:
    """URL name → a persona who may use it (acting on it if the matrix has a POST row)."""
    targets: dict[str, str] = {}
    for rule in sorted(rules(), key=lambda r: r.method != "POST"):
        persona = _acting_persona(rule.expected)
        if persona and rule.url_name not in targets:
            targets[rule.url_name] = persona
    return targets


def post_rows() -> set[str]:
    return {rule.url_name for rule in rules() if rule.method == "POST"}


def auth_targets() -> dict[str, str]:
    """The allauth pages of the matrix: public ones as a visitor, the others signed in."""
    found = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = AUTH_ROW.match(line)
        if match:
            found[match["name"]] = "anonymous" if match["access"] == "public" else "worker"
    return found


def _sample_url(name: str) -> str:
    """An address for a URL whose arguments no builder knows (allauth's keys)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        pass
    for _bits, _pattern, _defaults, converters in get_resolver().reverse_dict.getlist(name):
        for value in ("1", "abc-def"):
            try:
                return reverse(name, kwargs=dict.fromkeys(converters or ["key"], value))
            except NoReverseMatch:
                continue
    possibilities = get_resolver().reverse_dict.getlist(name)
    params = possibilities[0][0][0][1] if possibilities else []
    for value in ("1", "abc-def", "1-set-password"):
        try:
            return reverse(name, kwargs=dict.fromkeys(params, value))
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build an address for {name}")


class CsrfLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.reasons: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.reasons.append(record.getMessage())


@pytest.fixture
def csrf_log():
    handler = CsrfLog()
    logger = logging.getLogger("django.security.csrf")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _client(personas: Personas, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    if persona != "anonymous":
        login(client, personas.by_name(persona), reauthenticated=True)
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)
    return client


def _is_api(url: str) -> bool:
    return _is_rest_framework_view(resolve(url).func)


def _send(client: Client, method: str, url: str, data: dict, **headers):
    """A form POST for pages; JSON for the REST API (which takes nothing else), as if a
    cross-site page could send it."""
    if not _is_api(url):
        return client.post(url, data, **headers)
    token = data.pop("csrfmiddlewaretoken", None)
    if token:
        headers["HTTP_X_CSRFTOKEN"] = token
    return getattr(client, method)(url, data, content_type="application/json", **headers)


def _api_refused_for_csrf(client: Client, method: str, url: str) -> bool:
    """Django REST framework checks CSRF itself: its 403 says so, or the same request with
    the right token is not refused."""
    if b"CSRF" in _send(client, method, url, {}).content:
        return True
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value
    return _send(client, method, url, {}, HTTP_X_CSRFTOKEN=secret).status_code != 403


def _refused(client: Client, method: str, url: str, data: dict, csrf_log: CsrfLog) -> str | None:
    """None if the request was refused by the CSRF check with nothing written, else why not."""
    before = (AuditEntry.objects.count(), len(csrf_log.reasons))
    response = _send(client, method, url, dict(data))
    after = (AuditEntry.objects.count(), len(csrf_log.reasons))
    where = f"{method.upper()} {url}"
    if response.status_code != 403:
        return f"{where}: {response.status_code}"
    by_middleware = after[1] == before[1] + 1
    if not by_middleware and not (_is_api(url) and _api_refused_for_csrf(client, method, url)):
        return f"{where}: 403 but not from the CSRF check"
    if after[0] != before[0]:
        return f"{where}: the audit log changed"
    return None


def _attack(client: Client, url: str, data: dict, csrf_log: CsrfLog) -> list[str]:
    failures = []
    wrong = {**data, "csrfmiddlewaretoken": get_random_string(32)}
    attempts = [("post", "no token", data), ("post", "wrong token", wrong)]
    if _is_api(url):
        attempts += [(method, "no token", data) for method in ("put", "patch", "delete")]
    for method, label, sent in attempts:
        failure = _refused(client, method, url, sent, csrf_log)
        if failure:
            failures.append(f"{label}: {failure}")
    return failures


def test_every_url_of_the_matrix_refuses_a_post_without_a_valid_token(personas, csrf_log):
    clients: dict[str, Client] = {}
    failures: list[str] = []
    targets = matrix_targets()
    for name, persona in targets.items():
        client = clients.setdefault(persona, _client(personas, persona))
        kwargs, data = build(name, personas)
        failures += _attack(client, reverse(name, kwargs=kwargs), data, csrf_log)
    assert failures == [], "\n".join(failures)
    # Every POST row of the matrix had someone allowed to act, and was attacked.
    assert post_rows() <= set(targets)


def test_every_authentication_page_refuses_a_post_without_a_valid_token(personas, csrf_log):
    clients: dict[str, Client] = {}
    failures: list[str] = []
    for name, persona in auth_targets().items():
        client = clients.setdefault(persona, _client(personas, persona))
        failures += _attack(client, _sample_url(name), {}, csrf_log)
    assert failures == [], "\n".join(failures)


def test_every_documented_url_is_attacked():
    attacked = set(matrix_targets()) | set(auth_targets())
    # admin:index is Django's; its login is allauth's, attacked above.
    assert documented_names() - attacked <= {"admin:index"}


def _views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _is_rest_framework_view(callback) -> bool:
    from rest_framework.views import APIView

    cls = getattr(callback, "cls", None)
    return isinstance(cls, type) and issubclass(cls, APIView)


def test_no_view_turns_the_csrf_check_off():
    exempt = [
        route
        for route, callback in _views(get_resolver().url_patterns)
        if getattr(callback, "csrf_exempt", False)
        # Django REST framework exempts its views and enforces CSRF itself whenever the
        # caller is authenticated by the session cookie (SessionAuthentication).
        and not _is_rest_framework_view(callback)
    ]
    assert exempt == []


def test_rest_framework_enforces_csrf_on_session_authentication():
    from rest_framework.authentication import SessionAuthentication
    from rest_framework.settings import api_settings

    for authentication in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
        uses_session = "session" in authentication.__name__.lower()
        assert not uses_session or issubclass(authentication, SessionAuthentication)


def test_the_check_sees_a_post_that_gets_through(db, csrf_log):
    client = Client()  # the test client skips the CSRF check: as if the view were exempt
    url = reverse("set_language")

    assert _refused(client, "post", url, {"language": "en"}, csrf_log) == f"POST {url}: 302"
