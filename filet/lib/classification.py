"""Data classification: every model field of Filet, its sensitivity and how long it is kept.

Each app declares ``FIELDS`` in its ``classification.py``: ``"Model.field": (SENSITIVITY,
"retention in a few words")``. A test fails when a model field has no entry, and
docs/classification.md is generated from these declarations (``manage.py classification``).
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

PUBLIC = "public"  # published by the Table (directory, matrix, FAQ)
INTERNAL = "internal"  # partners' working data, no personal information
PERSONAL = "personal"  # a professional's personal information (name, e-mail, phone)
CONFIDENTIAL = "confidential"  # de-identified situations and consultations, observations
SECRET = "secret"  # noqa: S105 — credentials, tokens, keys, hashes
SENSITIVITIES = (PUBLIC, INTERNAL, PERSONAL, CONFIDENTIAL, SECRET)

Declaration = dict[str, tuple[str, str]]


def declared() -> dict[str, Declaration]:
    """App label → that app's declarations, for every Filet app that has them."""
    found: dict[str, Declaration] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("filet."):
            continue
        try:
            module = import_module(f"{config.name}.classification")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.classification":
                raise
            continue
        found[config.label] = getattr(module, "FIELDS", {})
    return found
