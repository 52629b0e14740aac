"""A slow or blocked database: the statement timeout (PostgreSQL) or the busy timeout
(SQLite) ends the wait, the visitor gets a clear 503, and nothing is half-written. Another
real connection holds the lock."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from filet.audit.models import AuditEntry
from filet.watch.models import BulletinSubscription
from tests.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
TIMEOUT_MS = 400


@contextmanager
def held(*, postgres_sql: str, sqlite_mode: str) -> Iterator[None]:
    """Another connection holds a lock while the block runs; ours waits TIMEOUT_MS at most."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET statement_timeout = {TIMEOUT_MS}")
        else:
            cursor.execute(f"PRAGMA busy_timeout = {TIMEOUT_MS}")
    other = _other_connection()
    try:
        if connection.vendor == "postgresql":
            other.execute("BEGIN")
            other.execute(postgres_sql)
        else:
            other.execute(f"BEGIN {sqlite_mode}")
        yield
    finally:
        other.rollback()
        other.close()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("RESET statement_timeout")
            else:
                cursor.execute("PRAGMA busy_timeout = 20000")


def _other_connection():  # type: ignore[no-untyped-def]
    params = connection.get_connection_params()
    if connection.vendor == "postgresql":
        import psycopg

        return psycopg.connect(
            dbname=params["dbname"], host=params.get("host"), port=params.get("port"),
            user=params.get("user"), password=params.get("password"),
        )  # fmt: skip
    return sqlite3.connect(params["database"], isolation_level=None, timeout=0.1)


def test_a_write_that_cannot_finish_answers_503_and_writes_nothing(client, personas):
    login(client, personas.worker)
    assert client.get("/veille/").status_code == 200
    # PostgreSQL: the audit chain is locked, so the subscription row is inserted, then the
    # audit entry waits and is cancelled; SQLite: the database is locked for writing.
    with held(postgres_sql="SELECT * FROM audit_chainhead FOR UPDATE", sqlite_mode="IMMEDIATE"):
        response = client.post("/veille/abonnement/", {"subscribed": "1"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Filet est temporairement indisponible" in text
    assert "Rien de ce que vous avez saisi" in text
    assert not BulletinSubscription.objects.exists()
    assert not AuditEntry.objects.filter(action="bulletin.subscription_changed").exists()
    # Once the lock is gone, the same request works.
    assert client.post("/veille/abonnement/", {"subscribed": "1"}).status_code == 302
    assert BulletinSubscription.objects.count() == 1


def test_the_503_is_in_english_for_an_english_reader(client, personas):
    login(client, personas.worker)
    client.cookies["django_language"] = "en"
    with held(postgres_sql="SELECT * FROM audit_chainhead FOR UPDATE", sqlite_mode="IMMEDIATE"):
        response = client.post(
            "/veille/abonnement/", {"subscribed": "1"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 503
    assert "Filet is temporarily unavailable" in response.content.decode()


def test_a_database_blocked_before_the_view_also_answers_503(client, personas):
    login(client, personas.worker)
    client.raise_request_exception = False
    with held(postgres_sql="LOCK TABLE accounts_user IN ACCESS EXCLUSIVE MODE",
              sqlite_mode="EXCLUSIVE"):  # fmt: skip
        response = client.get("/veille/")
    assert response.status_code == 503
    assert "Filet" in response.content.decode()


def test_health_answers_503_when_the_database_does_not(client, db):
    with held(postgres_sql="LOCK TABLE ops_outboxmessage IN ACCESS EXCLUSIVE MODE",
              sqlite_mode="EXCLUSIVE"):  # fmt: skip
        response = client.get("/ops/sante/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert client.get("/ops/sante/").status_code == 200
