"""Bench data for the directory: a profile with two services and a sector for each
partner, saved through the real action so that search columns and versions are right."""

import random

from filet.directory.actions import save_profile
from filet.directory.models import PrivacyRegime, Profile, Service, Territory, TerritoryKind
from filet.organisations.models import Organisation

MISSIONS = [
    (
        "Prévention de l'exploitation sexuelle et sensibilisation des jeunes",
        "Prevention of sexual exploitation and youth awareness",
    ),
    (
        "Protection de la jeunesse et intervention auprès des familles",
        "Youth protection and work with families",
    ),
    (
        "Soutien et réintégration des jeunes exploités",
        "Support and reintegration of exploited youths",
    ),
    (
        "Enquête et accompagnement dans le processus judiciaire",
        "Investigation and support through the judicial process",
    ),
    ("Recherche et formation sur le phénomène", "Research and training on the phenomenon"),
]
SERVICES = [
    ("Ligne d'écoute", "Listening line"),
    ("Ateliers de prévention en milieu scolaire", "School prevention workshops"),
    ("Accompagnement psychosocial", "Psychosocial support"),
    ("Travail de milieu", "Outreach work"),
]


def generate_directory(regions: list[list[Organisation]], rng: random.Random) -> int:
    """One sector per region; returns the number of profiles saved."""
    saved = 0
    for index, organisations in enumerate(regions, start=1):
        sector, _created = Territory.objects.get_or_create(
            code=f"bench-region-{index:02}",
            defaults={
                "name_fr": f"Région {index:02}",
                "name_en": f"Region {index:02}",
                "kind": TerritoryKind.REGION,
            },
        )
        for organisation in organisations:
            _describe(organisation, sector, rng)
            saved += 1
    return saved


def _describe(organisation: Organisation, sector: Territory, rng: random.Random) -> None:
    mission_fr, mission_en = rng.choice(MISSIONS)
    Service.objects.bulk_create(
        Service(organisation=organisation, name_fr=fr, name_en=en, languages=["fr", "en"])
        for fr, en in rng.sample(SERVICES, 2)
    )
    profile = Profile(
        organisation=organisation,
        privacy_regime=rng.choice(PrivacyRegime.values),
        mission_fr=mission_fr,
        mission_en=mission_en,
    )
    save_profile(profile, by=None, organisation_fields={}, territories=[sector])
