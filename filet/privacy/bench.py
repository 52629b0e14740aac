"""Bench data for the privacy officer's tools: a register of incidents and a published
notice per organisation that has a privacy officer."""

import datetime
import random

from filet.organisations.models import Membership, Role
from filet.privacy.models import Incident, IncidentStatus, PrivacyNotice

BATCH = 1000
INCIDENTS_PER_ORGANISATION = 20
FIRST = datetime.date(2024, 1, 1)
STATUSES = IncidentStatus.values


def _incident(officer: Membership, number: int, rng: random.Random) -> Incident:
    occurred = FIRST + datetime.timedelta(days=rng.randrange(700))
    return Incident(
        organisation_id=officer.organisation_id,
        number=number,
        information="Coordonnées professionnelles du personnel",
        circumstances="Un envoi au mauvais groupe de diffusion.",
        occurred_from=occurred,
        learned_on=occurred + datetime.timedelta(days=rng.randrange(10)),
        persons=rng.randrange(1, 200),
        status=rng.choice(STATUSES),
        recorded_by_id=officer.user_id,
    )


def generate_privacy(rng: random.Random) -> int:
    """Returns the number of incidents written."""
    officers = list(Membership.objects.filter(role=Role.PRIVACY_OFFICER).order_by("pk"))
    seen: dict[int, Membership] = {}
    for officer in officers:
        seen.setdefault(officer.organisation_id, officer)
    incidents = [
        _incident(officer, number, rng)
        for officer in seen.values()
        for number in range(1, INCIDENTS_PER_ORGANISATION + 1)
    ]
    Incident.objects.bulk_create(incidents, batch_size=BATCH)
    PrivacyNotice.objects.bulk_create(
        [
            PrivacyNotice(
                organisation_id=organisation_id,
                officer_name="Responsable",
                officer_email=f"rprp-{organisation_id}@bench.filet.example",
                notice_fr="Avis de confidentialité.",
                notice_en="Privacy notice.",
                version=1,
            )
            for organisation_id in seen
        ],
        batch_size=BATCH,
    )
    return len(incidents)
