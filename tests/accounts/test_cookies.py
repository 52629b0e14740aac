"""Cookie attributes in development and, through a fresh interpreter, in production [3.3]."""

import os
import secrets
import subprocess
import sys
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings

from tests.conftest import PASSWORD, totp_now

ROOT = settings.BASE_DIR
PRINT_COOKIE_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
)


def attributes(cookie) -> tuple[bool, str]:
    return bool(cookie["httponly"]), cookie["samesite"]


def test_session_cookie_set_at_login_is_httponly_and_lax(client, personas):
    user = personas.worker
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC), tick=False):
        client.post("/comptes/login/", {"login": user.email, "password": PASSWORD})
        response = client.post("/comptes/2fa/authenticate/", {"code": totp_now(user)})

    assert response["Location"] == "/"
    assert attributes(response.cookies[settings.SESSION_COOKIE_NAME]) == (True, "Lax")


def test_csrf_cookie_is_httponly_and_lax(client, db):
    response = client.get("/comptes/login/")

    assert attributes(response.cookies[settings.CSRF_COOKIE_NAME]) == (True, "Lax")


def test_language_cookie_is_lax(client, db):
    response = client.post("/langue/", {"language": "en"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME]["samesite"] == "Lax"


def production_settings(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "FILET_DEMO", "DEBUG", "ALLOWED_HOSTS", "FILET_ENV"}
    }
    env |= {
        "FILET_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "filet.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "filet.example",
    }
    env |= overrides
    env = {key: value for key, value in env.items() if value}
    return subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-c", PRINT_COOKIE_SETTINGS],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_cookies_are_host_prefixed_and_secure():
    result = production_settings()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-filet-session",
        "__Host-filet-csrf",
        "True",
        "True",
        "True",
        "Lax",
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param(
            {"SECRET_KEY": ""},
            "Production needs SECRET_KEY: at least 50 random characters.",
            id="no-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": "too-short"},
            "Production needs SECRET_KEY: at least 50 random characters.",
            id="short-secret-key",
        ),
        pytest.param(
            {"SECRET_KEY": "development-only-secret-key-not-for-production-use-0123456789"},
            "Production needs SECRET_KEY: at least 50 random characters.",
            id="development-secret-key",
        ),
        pytest.param(
            {"FILET_DEMO": "1"}, "FILET_DEMO cannot be used in production.", id="demo-mode"
        ),
        pytest.param({"ALLOWED_HOSTS": ""}, "Production needs ALLOWED_HOSTS.", id="no-hosts"),
    ],
)
def test_production_refuses_to_start(overrides, message):
    result = production_settings(**overrides)

    assert result.returncode == 1
    assert result.stdout == ""
    assert f"django.core.exceptions.ImproperlyConfigured: {message}" in result.stderr
