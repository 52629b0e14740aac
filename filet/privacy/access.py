"""A person's own personal information, for an access or portability request (Law 25):
everything Filet holds that points at them, as structured JSON."""

import json
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from filet.accounts.models import User
from filet.audit.models import AuditEntry, AuditLink, ChainHead
from filet.lib.classification import SECRET, declared
from filet.organisations.models import Membership

# Secrets are never handed out, even to their owner: they would only help an attacker.
# Fields classified SECRET are left out, and these names too, whatever their class.
SECRET_FIELDS = {"password", "security_stamp", "token_digest", "secret", "digest", "submission"}
SKIPPED_MODELS = {AuditEntry, AuditLink, ChainHead}


def _secret_fields() -> set[str]:
    """``app_label.Model.field`` of every field classified secret."""
    return {
        f"{label}.{name}"
        for label, declarations in declared().items()
        for name, (sensitivity, _retention) in declarations.items()
        if sensitivity == SECRET
    }


def _value(instance: models.Model, field: "models.Field[Any, Any]") -> Any:
    if field.is_relation:
        return getattr(instance, field.attname)
    return field.value_from_object(instance)


def _row(instance: models.Model, secret: set[str]) -> dict[str, Any]:
    meta = instance._meta
    return {
        field.name: _value(instance, field)
        for field in meta.concrete_fields
        if field.name not in SECRET_FIELDS
        and not field.name.endswith("_digest")
        and f"{meta.app_label}.{meta.object_name}.{field.name}" not in secret
    }


def _user_relations() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) of Filet's apps that points at a person."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("filet.") or model in SKIPPED_MODELS:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is apps.get_model(
                settings.AUTH_USER_MODEL
            ):
                found.append((model, field.name))
    return found


def _records(person: User, secret: set[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for model, field in _user_relations():
        if model is Membership and field == "user":
            continue  # given above, as the memberships
        found = model._default_manager.filter(**{field: person}).order_by("pk")
        rows = [_row(obj, secret) for obj in found]
        if rows:
            out[f"{model._meta.label_lower}.{field}"] = rows
    return out


def _audit(person: User) -> list[dict[str, Any]]:
    entries = AuditEntry.objects.filter(actor=person).order_by("seq")
    return [
        {
            "seq": e.seq,
            "at": e.at,
            "action": e.action,
            "event": e.action_label,
            "outcome": e.outcome,
            "target_type": e.target_type,
            "target_id": e.target_id,
            "ip": e.ip,
            "data": e.data,
        }
        for e in entries.iterator()
    ]


def personal_data(person: User) -> dict[str, Any]:
    """The document: the account, then every record that names the person, then their
    audit entries. Keys are stable model labels, so a machine can read it again."""
    secret = _secret_fields()
    memberships = person.memberships.order_by("started_at", "pk")
    return {
        "format": "filet.personal-data/1",
        "generated_at": timezone.now(),
        "account": _row(person, secret),
        "memberships": [_row(m, secret) for m in memberships],
        "records": _records(person, secret),
        "audit_entries": _audit(person),
    }


def as_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
