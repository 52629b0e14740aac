"""Bench data for the library (called by bench/data.py): a thousand described resources,
half Table-wide, so library search scans a realistic number of rows. No file is written:
the bench measures the pages, not downloads."""

import random
import uuid

from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.resources.models import Audience, Resource, ResourceKind, Visibility

BATCH = 1000
WORDS = ["prévention", "école", "parents", "sextorsion", "recrutement", "guide", "trousse"]


def generate_resources(rng: random.Random, count: int = 1000) -> int:
    author = Membership.objects.filter(role=Role.COORDINATOR).select_related("user").first()
    organisations = list(Organisation.objects.values_list("pk", flat=True)[:200])
    if author is None or not organisations:
        return 0
    resources = []
    for number in range(count):
        words = " ".join(rng.sample(WORDS, 3))
        resource = Resource(
            title=f"Ressource {number} — {words}",
            description=f"Description de la ressource {number} : {words}.",
            language=rng.choice(["fr-ca", "en"]),
            kind=rng.choice(ResourceKind.values),
            audience=rng.choice(Audience.values),
            visibility=rng.choice(Visibility.values),
            organisation_id=rng.choice(organisations),
            file_name=f"ressource-{number}.pdf",
            stored_name=f"{uuid.UUID(int=rng.getrandbits(128)).hex}.pdf",
            content_type="application/pdf",
            size=1000,
            sha256="0" * 64,
            uploaded_by=author.user,
        )
        resource.refresh_search_text()
        resources.append(resource)
    Resource.objects.bulk_create(resources, batch_size=BATCH)
    return count
