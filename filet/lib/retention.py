"""Retention rules: each app that holds records with a limited life says so here.

An app declares ``RULES: list[RetentionRule]`` in its ``retention.py``. The privacy app
reads them all: the Table sets each kind's period (``default_months`` until it does),
``manage.py purge_expired`` destroys what is due and records what it did, and the privacy
officer sees what is due and what was destroyed. A rule's ``purge`` leaves only
de-identified aggregate counts behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class RetentionRule:
    kind: str  # stable key, e.g. "situations.situation"
    label: Promise  # the kind of record, translated ("Concerted situations")
    basis: Promise  # when the period starts, translated ("after closure")
    default_months: int
    # Records whose period started before the cutoff: what is due.
    due: Callable[[datetime], QuerySet[Any]]
    # Destroys what is due at the cutoff, keeping aggregate counts; returns how many.
    purge: Callable[[datetime], int]


def all_rules() -> list[RetentionRule]:
    """Every installed app's rules, in INSTALLED_APPS order."""
    found: list[RetentionRule] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("filet."):
            continue
        try:
            module = import_module(f"{config.name}.retention")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.retention":
                raise
            continue
        found.extend(getattr(module, "RULES", []))
    return found
