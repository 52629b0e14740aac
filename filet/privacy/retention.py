"""The incident register itself has a limited life: the regulation asks that an entry be
kept at least five years after the organisation learned of the incident."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from filet.lib.retention import RetentionRule
from filet.privacy.models import Incident, IncidentStatus


def _due(cutoff: datetime) -> QuerySet[Incident]:
    return Incident.objects.filter(status=IncidentStatus.CLOSED, learned_on__lt=cutoff.date())


def _purge(cutoff: datetime) -> int:
    return _due(cutoff).delete()[1].get("privacy.Incident", 0)


RULES = [
    RetentionRule(
        kind="privacy.incident",
        label=_("Confidentiality incidents (closed)"),
        basis=_("after the date the organisation learned of the incident (at least 60 months)"),
        default_months=60,
        due=_due,
        purge=_purge,
    )
]
