"""Personas shared by every test: one per role, in organisation A unless named otherwise,
and an outsider who represents organisation B."""

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from filet.accounts.models import User
from filet.organisations.models import Membership, Organisation, OrganisationType, Role

PASSWORD = "correct horse battery staple"

# Playwright fixtures, registered once: a second session-wide browser would start a second
# Playwright in the same process.
pytest_plugins = ["tests.browser.fixtures"]


def pytest_configure(config):
    # The SQLite test database is a file under var/ (see settings): make sure it can be made.
    from django.conf import settings

    Path(settings.BASE_DIR, "var").mkdir(exist_ok=True)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # argon2 is slow on purpose; tests that check hashing switch it back on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _outbox_delivers_at_once(settings):
    # E-mails go through the outbox as in production; tests deliver each stored row at once
    # to django's locmem backend, so `mail.outbox` shows them (tests/ops covers the worker).
    settings.EMAIL_BACKEND = "filet.ops.mail.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_SEND_WHEN_STORED = True


@pytest.fixture(autouse=True)
def _private_cache(settings):
    # Each test gets an empty cache of its own (rate limits and MFA markers live there).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data(request, django_db_blocker):
    """Make sure the data that migrations seed is there (a transactional test that ran
    before on this worker emptied every table). Seed functions skip what exists."""
    uses_db = request.node.get_closest_marker("django_db") is not None or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_db:
        from tests.reference_data import reseed

        with django_db_blocker.unblock():
            reseed()


def make_person(
    email: str, organisation: Organisation | None, *roles: str, mfa: bool = True, **extra
) -> User:
    """A person as an accepted invitation leaves them: verified e-mail, roles, and (unless
    told otherwise) a TOTP authenticator whose secret is kept on `user.totp_secret`."""
    user = User.objects.create_user(email, PASSWORD, full_name=email.split("@")[0].title(), **extra)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for role in roles:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    if mfa:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        user.totp_secret = secret  # type: ignore[attr-defined]
    return user


@dataclass
class Personas:
    table: Organisation
    org_a: Organisation
    org_b: Organisation
    research: Organisation
    coordinator: User
    representative: User
    pivot: User
    worker: User
    manager: User
    privacy_officer: User
    researcher: User
    administrator: User
    outsider: User
    outsider_privacy_officer: User

    def by_name(self, name: str) -> User:
        return getattr(self, name)


PERSONA_NAMES = [
    "coordinator",
    "representative",
    "pivot",
    "worker",
    "manager",
    "privacy_officer",
    "researcher",
    "administrator",
    "outsider",
]


@pytest.fixture
def personas(db) -> Personas:
    table = Organisation.objects.create(name_fr="Coordination", type=OrganisationType.COORDINATION)
    org_a = Organisation.objects.create(
        name_fr="Organisme A",
        name_en="Organisation A",
        acronym="OA",
        type=OrganisationType.COMMUNITY,
    )
    org_b = Organisation.objects.create(
        name_fr="Organisme B",
        name_en="Organisation B",
        acronym="OB",
        type=OrganisationType.MUNICIPAL_POLICE,
    )
    research = Organisation.objects.create(
        name_fr="Centre de recherche", type=OrganisationType.RESEARCH
    )
    administrator = make_person("admin@test.example", table, Role.ADMINISTRATOR, is_staff=True)
    return Personas(
        table=table,
        org_a=org_a,
        org_b=org_b,
        research=research,
        coordinator=make_person("coordinator@test.example", table, Role.COORDINATOR),
        representative=make_person("representative@test.example", org_a, Role.REPRESENTATIVE),
        pivot=make_person("pivot@test.example", org_a, Role.PIVOT),
        worker=make_person("worker@test.example", org_a, Role.WORKER),
        manager=make_person("manager@test.example", org_a, Role.MANAGER),
        privacy_officer=make_person("privacy@test.example", org_a, Role.PRIVACY_OFFICER),
        researcher=make_person("researcher@test.example", research, Role.RESEARCHER),
        administrator=administrator,
        outsider=make_person("outsider@test.example", org_b, Role.REPRESENTATIVE),
        outsider_privacy_officer=make_person("privacy-b@test.example", org_b, Role.PRIVACY_OFFICER),
    )


def login(client: Client, user: User, *, reauthenticated: bool = False) -> Client:
    """Sign in as after password + TOTP; optionally as just re-authenticated (allauth)."""
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    if reauthenticated:
        reauthenticate(client, user)
    return client


def reauthenticate(client: Client, user: User) -> None:
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def totp_now(user: User) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(user.totp_secret, counter))  # type: ignore[attr-defined]


__all__ = [
    "PASSWORD",
    "PERSONA_NAMES",
    "Authenticator",
    "Personas",
    "login",
    "make_person",
    "reauthenticate",
    "totp_now",
]
