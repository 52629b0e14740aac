# ruff: noqa: E501 — a data table reads best one cell per line.
"""A believable, fictional matrix for the demo Table (seed_demo): one version adopted on
2025-06-12, a few draft changes since, two collaboration agreements. Support and
reintegration has no lead, so the gap shows."""

import datetime
from typing import Any

from filet.accounts.models import User
from filet.matrix import actions
from filet.matrix.models import Cell, Stage
from filet.organisations.models import Organisation

L, C, S, I = "lead", "contributes", "consulted", "informed"  # noqa: E741

# partner slug, stage code, responsibility, French description, English description, mandate
ADOPTED = [
    ("dpj", "protection", L, "Reçoit les signalements, évalue et protège", "Receives reports, assesses and protects", "LPJ art. 32, 38, 39"),
    ("dpj", "detection", C, "Soutient le repérage par les partenaires", "Supports partners' screening", "LPJ art. 39"),
    ("dpj", "investigation", C, "Enquête conjointe avec la police", "Joint investigation with the police", "Entente multisectorielle"),
    ("dpj", "support", C, "Suivi du jeune et de sa famille", "Follow-up of the youth and family", "LPJ art. 54"),
    ("dpj", "research", S, "Données agrégées pour la recherche", "Aggregate data for research", ""),
    ("police", "investigation", L, "Enquête sur les proxénètes et les clients", "Investigates pimps and clients", "Code criminel, art. 286.1 à 286.5"),
    ("police", "detection", C, "Patrouille et cyberpatrouille", "Patrols and online patrols", ""),
    ("police", "protection", C, "Intervention d'urgence", "Emergency intervention", "Entente multisectorielle"),
    ("police", "prevention", C, "Agents sociocommunautaires dans les écoles", "Community officers in schools", ""),
    ("css-fleuve", "prevention", L, "Ateliers sur les relations saines", "Workshops on healthy relationships", "Loi sur l'instruction publique, art. 36"),
    ("css-fleuve", "awareness", C, "Soirées d'information aux parents", "Information evenings for parents", ""),
    ("css-fleuve", "detection", C, "Repérage par les intervenants pivots scolaires", "Screening by school pivots", "LPJ art. 39"),
    ("css-haute-ville", "prevention", L, "Programme de prévention en 2e cycle", "Prevention programme, secondary 3–5", "Loi sur l'instruction publique, art. 36"),
    ("css-haute-ville", "detection", C, "Repérage par les intervenants pivots scolaires", "Screening by school pivots", "LPJ art. 39"),
    ("css-terres", "prevention", L, "Ateliers en classe", "Classroom workshops", "Loi sur l'instruction publique, art. 36"),
    ("css-terres", "detection", C, "Repérage par les intervenants pivots scolaires", "Screening by school pivots", "LPJ art. 39"),
    ("central", "prevention", C, "Ateliers en anglais", "Workshops in English", "Education Act, s. 36"),
    ("central", "awareness", C, "Information aux parents anglophones", "Information for English-speaking parents", ""),
    ("central", "detection", I, "Reçoit les outils de repérage", "Receives the screening tools", ""),
    ("sante-publique", "awareness", L, "Campagnes régionales de sensibilisation", "Regional awareness campaigns", "Loi sur la santé publique"),
    ("sante-publique", "prevention", C, "Outils de prévention pour les milieux", "Prevention tools for settings", ""),
    ("sante-publique", "research", S, "Portrait régional", "Regional profile", ""),
    ("ciusss", "detection", L, "Dépistage psychosocial et de santé sexuelle", "Psychosocial and sexual-health screening", "LSSSS"),
    ("ciusss", "protection", C, "Services de santé et psychosociaux", "Health and psychosocial services", "LSSSS"),
    ("ciusss", "support", C, "Suivi en santé mentale et dépendance", "Mental-health and addiction follow-up", "LSSSS"),
    ("recherche", "research", L, "Recherche évaluative et formation des pivots", "Evaluative research and pivot training", ""),
    ("recherche", "awareness", S, "Expertise sur l'évolution du phénomène", "Expertise on how the phenomenon evolves", ""),
    ("passerelle", "support", C, "Hébergement et accompagnement de sortie", "Shelter and exit support", ""),
    ("passerelle", "detection", C, "Repérage dans la communauté", "Community-based screening", ""),
    ("passerelle", "awareness", C, "Témoignages et ateliers", "Testimonies and workshops", ""),
    ("rue", "detection", C, "Présence dans la rue et en ligne", "Street and online presence", ""),
    ("rue", "support", C, "Accompagnement sans condition", "Unconditional accompaniment", ""),
    ("rue", "prevention", C, "Prévention par les pairs", "Peer prevention", ""),
    ("victimes", "investigation", C, "Accompagnement dans le processus judiciaire", "Support through the judicial process", "Loi visant à aider les personnes victimes"),
    ("victimes", "support", C, "Soutien post-traumatique", "Post-traumatic support", ""),
]  # fmt: skip

DRAFT_CHANGES = [
    ("central", "detection", C, "Repérage par les pivots anglophones", "Screening by English-speaking pivots", "LPJ art. 39"),
    ("rue", "protection", S, "Consulté sur les plans de sécurité", "Consulted on safety plans", ""),
    ("victimes", "research", I, "", "", ""),
    ("sante-publique", "research", "", "", "", ""),
]  # fmt: skip

AGREEMENTS: list[dict[str, Any]] = [
    {
        "title": "Entente de repérage en milieu scolaire",
        "protocol": "Entente multisectorielle relative aux enfants victimes d'abus sexuels",
        "scope": "Repérage des indicateurs, signalement à la DPJ et soutien aux pivots scolaires.",
        "starts_on": datetime.date(2023, 9, 1),
        "ends_on": datetime.date(2026, 6, 30),
        "contacts": "Annie Girard, représentante (CSSDF)\nMarc-André Pelletier, représentant (DPJ-C)\n"
        "Éric Lavoie, représentant (SPC)",
        "document_reference": "Registre de la Table, dossier 2023-07",
        "partners": ["css-fleuve", "css-haute-ville", "css-terres", "central", "dpj", "police"],
        "stages": ["detection", "protection"],
    },
    {
        "title": "Protocole d'accompagnement vers les services",
        "protocol": "Protocole régional de trajectoire de services",
        "scope": "Références croisées et accompagnement des jeunes entre organismes.",
        "starts_on": datetime.date(2024, 2, 1),
        "ends_on": None,
        "contacts": "Chantal Roy, représentante (MP)\nMaxime Bélanger, représentant (TRJB)\n"
        "Isabelle Côté, représentante (CIUSSS-C)",
        "document_reference": "Registre de la Table, dossier 2024-03",
        "partners": ["passerelle", "rue", "ciusss", "victimes"],
        "stages": ["support", "detection"],
    },
]


def load(organisations: dict[str, Organisation], *, by: User) -> None:
    """Fill the matrix through the real actions, so the audit log tells the same story."""
    stages = {stage.code: stage for stage in Stage.objects.all()}
    _write(ADOPTED, organisations, stages, by)
    actions.adopt_matrix(
        by=by,
        adopted_on=datetime.date(2025, 6, 12),
        note="Adoptée à l'assemblée du 12 juin 2025, résolution 2025-06-04.",
    )
    _write(DRAFT_CHANGES, organisations, stages, by)
    for agreement in AGREEMENTS:
        values = {k: v for k, v in agreement.items() if k not in {"partners", "stages"}}
        actions.save_agreement(
            None,
            by=by,
            values=values,
            partners=[organisations[slug] for slug in agreement["partners"]],
            stages=[stages[code] for code in agreement["stages"]],
        )


def _write(
    rows: list[tuple[str, str, str, str, str, str]],
    organisations: dict[str, Organisation],
    stages: dict[str, Stage],
    by: User,
) -> None:
    for slug, code, responsibility, description_fr, description_en, mandate in rows:
        organisation, stage = organisations[slug], stages[code]
        current = Cell.objects.filter(organisation=organisation, stage=stage).first()
        actions.set_cell(
            organisation,
            stage,
            by=by,
            responsibility=responsibility,
            description_fr=description_fr,
            description_en=description_en,
            mandate=mandate,
            revision=current.revision if current else 0,
        )
