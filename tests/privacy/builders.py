"""Records of organisation A for the permission matrix and the privacy tests."""

from datetime import date
from typing import Any

from filet.privacy import actions
from filet.privacy.models import Incident

Target = tuple[dict[str, Any], dict[str, Any]]


def incident_data(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "information": "Coordonnées professionnelles de trois intervenants",
        "circumstances": "Un courriel de liste envoyé au mauvais groupe de diffusion.",
        "occurred_from": date(2026, 3, 2),
        "occurred_to": None,
        "learned_on": date(2026, 3, 4),
        "persons": 3,
        "persons_estimated": False,
        "measures": "",
    }
    return {**values, **overrides}


def incident(p: Any, **overrides: Any) -> Incident:
    return actions.record_incident(p.org_a, by=p.privacy_officer, data=incident_data(**overrides))


def _org_a(p: Any) -> Target:
    return {"pk": p.org_a.pk}, {}


def _incident(p: Any) -> Target:
    return {"pk": incident(p).pk}, {}


TARGETS = {
    "privacy:notice": _org_a,
    "privacy:notice_edit": _org_a,
    "privacy:due": _org_a,
    "privacy:people": _org_a,
    "privacy:person_export": lambda p: ({"pk": p.org_a.pk, "person_pk": p.worker.pk}, {}),
    "privacy:incidents": _org_a,
    "privacy:incident_create": _org_a,
    "privacy:incidents_export": lambda p: ({"pk": p.org_a.pk, "file_format": "xlsx"}, {}),
    "privacy:incident": _incident,
    "privacy:incident_edit": _incident,
    "privacy:incident_assess": _incident,
    "privacy:incident_notify": _incident,
    "privacy:incident_close": _incident,
    "audit:export": lambda p: ({"file_format": "csv"}, {}),
}
