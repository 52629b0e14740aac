"""A profile as plain data, and the difference between two of its versions.

Each version keeps a JSON snapshot. To compare two, every field is rendered as stable text
(one line per value) and difflib compares field by field; only changed fields are shown.
Confidential locations are in the snapshot but left out of the rendering for anyone outside
the organisation.
"""

import difflib
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from filet.directory.models import ContactEmail, Location, Phone, Profile, Service
from filet.organisations.models import Organisation

Snapshot = dict[str, Any]

ORGANISATION_FIELDS = ["name_fr", "name_en", "acronym", "type"]
PROFILE_FIELDS = [
    "privacy_regime",
    "mission_fr",
    "mission_en",
    "culture_fr",
    "culture_en",
    "mandates_fr",
    "mandates_en",
    "may_share_fr",
    "may_share_en",
    "may_not_share_fr",
    "may_not_share_en",
    "escalation_fr",
    "escalation_en",
    "email",
    "website",
    "privacy_officer_name",
    "privacy_officer_email",
    "privacy_officer_phone",
]
SERVICE_FIELDS = [
    "name_fr",
    "name_en",
    "description_fr",
    "description_en",
    "eligibility_fr",
    "eligibility_en",
    "referral_fr",
    "referral_en",
    "hours_fr",
    "hours_en",
    "languages",
]
LOCATION_FIELDS = [
    "name_fr",
    "name_en",
    "address_1",
    "address_2",
    "city",
    "province",
    "postal_code",
    "is_confidential",
]
PHONE_FIELDS = ["number", "extension", "kind", "label_fr", "label_en"]
EMAIL_FIELDS = ["address", "label_fr", "label_en"]


def _row(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"key": instance.pk}
    for name in fields:
        value = getattr(instance, name)
        row[name] = value if isinstance(value, bool | int | list) or value is None else str(value)
    return row


def take(profile: Profile) -> Snapshot:
    """Everything a version records about a partner, confidential addresses included."""
    organisation = profile.organisation
    return {
        "organisation": _row(organisation, ORGANISATION_FIELDS),
        "profile": _row(profile, PROFILE_FIELDS),
        "territories": sorted(profile.territories.values_list("name_fr", flat=True)),
        "services": [_row(s, SERVICE_FIELDS) for s in organisation.services.order_by("pk")],
        "locations": [_row(x, LOCATION_FIELDS) for x in organisation.locations.order_by("pk")],
        "phones": [_row(p, PHONE_FIELDS) for p in organisation.phones.order_by("pk")],
        "emails": [_row(e, EMAIL_FIELDS) for e in organisation.emails.order_by("pk")],
    }


def _label(model: type[models.Model], name: str) -> str:
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _text(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, bool):
        return [_("yes") if value else _("no")]
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value).splitlines()


def _block(model: type[models.Model], row: dict[str, Any], fields: list[str]) -> list[str]:
    return [f"{_label(model, name)}: {line}" for name in fields for line in _text(row.get(name))]


def render(snapshot: Snapshot, *, confidential: bool) -> dict[str, tuple[str, list[str]]]:
    """Field key → (translated label, lines of text), in a stable order."""
    fields: dict[str, tuple[str, list[str]]] = {}
    for name in ORGANISATION_FIELDS:
        value = snapshot.get("organisation", {}).get(name)
        fields[f"organisation.{name}"] = (_label(Organisation, name), _text(value))
    for name in PROFILE_FIELDS:
        value = snapshot.get("profile", {}).get(name)
        fields[f"profile.{name}"] = (_label(Profile, name), _text(value))
    fields["territories"] = (_label(Profile, "territories"), snapshot.get("territories", []))
    for row in snapshot.get("services", []):
        label = _("Service: %(name)s") % {"name": row["name_fr"]}
        fields[f"service.{row['key']}"] = (label, _block(Service, row, SERVICE_FIELDS))
    for row in snapshot.get("locations", []):
        if row.get("is_confidential") and not confidential:
            continue
        label = _("Location: %(name)s") % {"name": row["name_fr"]}
        fields[f"location.{row['key']}"] = (label, _block(Location, row, LOCATION_FIELDS))
    phones = [" · ".join(_block(Phone, row, PHONE_FIELDS)) for row in snapshot.get("phones", [])]
    fields["phones"] = (str(Phone._meta.verbose_name_plural), phones)
    emails = [" · ".join(_block(ContactEmail, r, EMAIL_FIELDS)) for r in snapshot.get("emails", [])]
    fields["emails"] = (str(ContactEmail._meta.verbose_name_plural), emails)
    return fields


@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    lines: list[tuple[str, str]]  # ("added" | "removed" | "same", text)


def compare(old: Snapshot, new: Snapshot, *, confidential: bool) -> list[FieldChange]:
    """The fields that differ between two snapshots, each with a line-by-line diff."""
    before = render(old, confidential=confidential)
    after = render(new, confidential=confidential)
    changes = []
    for key in [*after, *(k for k in before if k not in after)]:
        old_label, old_lines = before.get(key, ("", []))
        label, new_lines = after.get(key, (old_label, []))
        if old_lines == new_lines:
            continue
        changes.append(FieldChange(key, label, _diff_lines(old_lines, new_lines)))
    return changes


def _diff_lines(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    kinds = {"+ ": "added", "- ": "removed", "  ": "same"}
    return [
        (kinds[line[:2]], line[2:])
        for line in difflib.ndiff(old, new)
        if line[:2] in kinds  # "? " lines are ndiff's hints
    ]


def changed_keys(old: Snapshot, new: Snapshot) -> list[str]:
    """For the audit log: which fields changed (names only, never their content)."""
    return [change.key for change in compare(old, new, confidential=True)]
