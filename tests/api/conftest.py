"""Tokens for the personas, and a client that sends one."""

from collections.abc import Iterable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from filet.api import actions
from filet.api.models import Area, Scope


def token_for(user, *scopes: str, days: int = 30, areas: Iterable[str] = tuple(Area.values)) -> str:
    """A token of `user` (read unless told otherwise), opening every area unless told."""
    _token, secret = actions.create_token(
        by=user,
        name="test",
        scopes=list(scopes or [Scope.READ]),
        areas=list(areas),
        expires_at=timezone.now() + timedelta(days=days),
    )
    return secret


def bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def api_as(personas):
    """api_as("pivot", "read", "write") → a client holding a new token of that persona."""

    def make(name: str, *scopes: str) -> Client:
        return bearer(token_for(personas.by_name(name), *scopes))

    return make
