# ruff: noqa: E501 — a data table reads best one row per line.
"""Fictional pivots for the demo Table (seed_demo): named milieux, a primary and a backup
designation for every demo pivot, one expiring soon, the mandate in two versions (one
pivot has not acknowledged the current one) and outreach over the last two quarters."""

import uuid
from datetime import date, time, timedelta
from typing import Any

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.models import Organisation
from filet.pivots import actions
from filet.pivots.models import (
    Acknowledgement,
    Audience,
    Designation,
    Level,
    Milieu,
    MilieuType,
    local_now,
)

DOMAIN = "filet.example"

# organisation slug, name, type, territory code
MILIEUX = [
    ("central", "Quebec High School (fictional)", MilieuType.SCHOOL, "sainte-foy"),
    ("central", "St. Patrick's Elementary (fictional)", MilieuType.SCHOOL, "saint-roch"),
    ("css-fleuve", "École secondaire des Découvreurs (fictive)", MilieuType.SCHOOL, "sainte-foy"),
    ("passerelle", "Foyer de groupe du Vieux-Limoilou (fictif)", MilieuType.GROUP_HOME, "limoilou"),
    ("dpj", "Foyer de groupe Charlesbourg (fictif)", MilieuType.GROUP_HOME, "charlesbourg"),
    ("rue", "Quartier Saint-Roch", MilieuType.NEIGHBOURHOOD, "saint-roch"),
    ("ciusss", "CLSC de la Basse-Ville (fictif)", MilieuType.HEALTH, "vanier"),
    ("police", "Quartier Vanier", MilieuType.NEIGHBOURHOOD, "vanier"),
]

WEEKDAYS = [(day, time(8, 30), time(16, 30)) for day in range(5)]
EVENINGS = [(day, time(15, 0), time(23, 0)) for day in range(1, 6)]

# pivot e-mail local part, organisation, level, stages, territories, milieux, languages, phone
DESIGNATIONS = [
    (
        "pivot.central",
        "central",
        Level.PRIMARY,
        ["prevention", "awareness", "detection"],
        ["sainte-foy", "saint-roch"],
        ["Quebec High School (fictional)", "St. Patrick's Elementary (fictional)"],
        ["en", "fr"],
        "418 555-0141",
    ),
    (
        "pivot.central",
        "central",
        Level.BACKUP,
        ["support"],
        ["limoilou"],
        [],
        ["en"],
        "418 555-0141",
    ),
    (
        "pivot.css-fleuve",
        "css-fleuve",
        Level.PRIMARY,
        ["prevention", "detection"],
        ["sainte-foy"],
        ["École secondaire des Découvreurs (fictive)"],
        ["fr"],
        "418 555-0122",
    ),
    (
        "pivot.css-fleuve",
        "css-fleuve",
        Level.BACKUP,
        ["awareness"],
        ["charlesbourg"],
        [],
        ["fr"],
        "418 555-0122",
    ),
    (
        "pivot.dpj",
        "dpj",
        Level.PRIMARY,
        ["protection", "detection"],
        ["capitale-nationale", "charlesbourg", "limoilou"],
        ["Foyer de groupe Charlesbourg (fictif)"],
        ["fr", "en"],
        "418 555-0110",
    ),
    ("pivot.dpj", "dpj", Level.BACKUP, ["support"], ["vanier"], [], ["fr"], "418 555-0110"),
    (
        "pivot.police",
        "police",
        Level.PRIMARY,
        ["investigation", "detection"],
        ["vanier", "saint-roch"],
        ["Quartier Vanier"],
        ["fr"],
        "418 555-0133",
    ),
    (
        "pivot.police",
        "police",
        Level.BACKUP,
        ["prevention"],
        ["sainte-foy"],
        [],
        ["fr", "en"],
        "418 555-0133",
    ),
    (
        "pivot.passerelle",
        "passerelle",
        Level.PRIMARY,
        ["support", "awareness"],
        ["limoilou", "saint-roch"],
        ["Foyer de groupe du Vieux-Limoilou (fictif)"],
        ["fr", "other"],
        "418 555-0155",
    ),
    (
        "pivot.passerelle",
        "passerelle",
        Level.BACKUP,
        ["detection"],
        ["vanier"],
        [],
        ["fr"],
        "418 555-0155",
    ),
    (
        "pivot.ciusss",
        "ciusss",
        Level.PRIMARY,
        ["detection", "protection"],
        ["vanier", "limoilou"],
        ["CLSC de la Basse-Ville (fictif)"],
        ["fr"],
        "418 555-0166",
    ),
    (
        "pivot.ciusss",
        "ciusss",
        Level.BACKUP,
        ["support"],
        ["beauport"],
        [],
        ["fr", "en"],
        "418 555-0166",
    ),
    (
        "pivot.rue",
        "rue",
        Level.PRIMARY,
        ["prevention", "detection"],
        ["saint-roch", "vanier"],
        ["Quartier Saint-Roch"],
        ["fr"],
        "418 555-0177",
    ),
    ("pivot.rue", "rue", Level.BACKUP, ["support"], ["limoilou"], [], ["fr"], "418 555-0177"),
]
EXPIRING = ("pivot.police", Level.BACKUP)
UNACKNOWLEDGED = "pivot.rue"

MANDATE_V1 = {
    "inform": (
        "Informer, animer et sensibiliser son milieu à l'exploitation sexuelle des mineurs.",
        "Inform, animate and sensitise their milieu about the sexual exploitation of minors.",
    ),
    "consult": (
        "Agir comme personne-ressource auprès des collègues de son organisation.",
        "Act as a resource person for colleagues in their organisation.",
    ),
    "management": (
        "Informer la direction de son organisation.",
        "Inform their organisation's management.",
    ),
    "watch": (
        "Se tenir informé de l'évolution du phénomène.",
        "Keep informed of how the phenomenon evolves.",
    ),
    "collect": ("Recueillir l'information pertinente.", "Collect relevant information."),
}
MANDATE_V2 = {
    "inform": (
        "Informer, animer et sensibiliser son milieu (jeunes, parents, personnel) à l'exploitation sexuelle des mineurs, au moins deux fois par année.",
        "Inform, animate and sensitise their milieu (youths, parents, staff) about the sexual exploitation of minors, at least twice a year.",
    ),
    "consult": (
        "Agir comme consultant et personne-ressource auprès des collègues de son organisation et des partenaires de la Table.",
        "Act as consultant and resource person for colleagues in their organisation and the Table's partners.",
    ),
    "management": (
        "Informer la direction de son organisation chaque trimestre, à l'aide du rapport de Filet.",
        "Inform their organisation's management each quarter, using Filet's report.",
    ),
    "watch": (
        "Se tenir informé de l'évolution du phénomène, notamment en ligne.",
        "Keep informed of how the phenomenon evolves, online in particular.",
    ),
    "collect": (
        "Recueillir l'information pertinente, sans jamais identifier un jeune.",
        "Collect relevant information, never identifying a youth.",
    ),
}

# days ago, pivot, milieu type, audience, participants, minutes, topics (French)
ACTIVITIES = [
    (
        12,
        "pivot.central",
        MilieuType.SCHOOL,
        Audience.YOUTHS,
        28,
        75,
        "Healthy relationships and online grooming (secondary 4)",
    ),
    (
        30,
        "pivot.central",
        MilieuType.SCHOOL,
        Audience.PARENTS,
        14,
        90,
        "Information evening for parents: recruitment on social media",
    ),
    (
        55,
        "pivot.central",
        MilieuType.SCHOOL,
        Audience.STAFF,
        3,
        60,
        "Screening indicators for teachers",
    ),
    (
        100,
        "pivot.central",
        MilieuType.SCHOOL,
        Audience.YOUTHS,
        31,
        75,
        "Workshop on consent and sextortion",
    ),
    (
        20,
        "pivot.css-fleuve",
        MilieuType.SCHOOL,
        Audience.YOUTHS,
        45,
        60,
        "Atelier sur les relations saines",
    ),
    (
        80,
        "pivot.css-fleuve",
        MilieuType.SCHOOL,
        Audience.STAFF,
        12,
        120,
        "Formation au repérage pour le personnel",
    ),
    (
        15,
        "pivot.dpj",
        MilieuType.GROUP_HOME,
        Audience.STAFF,
        9,
        90,
        "Indicateurs d'exploitation en milieu de réadaptation",
    ),
    (
        95,
        "pivot.dpj",
        MilieuType.GROUP_HOME,
        Audience.YOUTHS,
        4,
        60,
        "Discussion sur le recrutement par les pairs",
    ),
    (
        40,
        "pivot.passerelle",
        MilieuType.COMMUNITY,
        Audience.YOUTHS,
        11,
        120,
        "Témoignage et atelier sur le « lover boy »",
    ),
    (
        25,
        "pivot.rue",
        MilieuType.STREET,
        Audience.YOUTHS,
        6,
        45,
        "Présence de rue : prévention par les pairs",
    ),
    (
        70,
        "pivot.ciusss",
        MilieuType.HEALTH,
        Audience.STAFF,
        18,
        90,
        "Dépistage en santé sexuelle et exploitation",
    ),
    (
        60,
        "pivot.police",
        MilieuType.SCHOOL,
        Audience.YOUTHS,
        60,
        60,
        "Cyberprudence en 3e secondaire",
    ),
]


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@{DOMAIN}")


def load(organisations: dict[str, Organisation], *, coordinator: User) -> None:
    by = {slug: _representative(o) or coordinator for slug, o in organisations.items()}
    territories = {t.code: t for t in Territory.objects.all()}
    milieux = {
        name: actions.create_milieu(
            organisations[slug], by=by[slug], name=name, type=kind, territory=territories[code]
        )
        for slug, name, kind, code in MILIEUX
    }
    today = local_now().date()
    for row in DESIGNATIONS:
        local, slug = row[0], row[1]
        data = _data(row, territories, milieux, today)
        actions.designate(organisations[slug], by=by[slug], pivot=_user(local), data=data)
    # One confirmation falls due within the month, so the board has something to ask.
    Designation.objects.filter(pivot=_user("pivot.dpj"), level=Level.PRIMARY).update(
        confirmed_on=today - timedelta(days=350)
    )
    _mandate(coordinator, today)
    _activities(organisations, today)


def _data(
    row: tuple[Any, ...], territories: dict[str, Territory], milieux: dict[str, Milieu], today: date
) -> actions.DesignationData:
    local, _slug, level, stage_codes, territory_codes, milieu_names, languages, phone = row
    stages = {s.code: s for s in Stage.objects.filter(code__in=stage_codes)}
    return actions.DesignationData(
        level=level,
        stages=[stages[c] for c in stage_codes],
        territories=[territories[c] for c in territory_codes],
        milieux=[milieux[n] for n in milieu_names],
        languages=languages,
        valid_from=date(today.year - 1, 9, 1),
        valid_until=today + timedelta(days=20) if (local, level) == EXPIRING else None,
        slots=EVENINGS if local == "pivot.rue" else WEEKDAYS,
        work_phone=phone,
        work_email=f"{local}.travail@{DOMAIN}",
    )


def _representative(organisation: Organisation) -> User | None:
    membership = organisation.memberships.filter(
        role="representative", ended_at__isnull=True
    ).first()
    return membership.user if membership else None


def _mandate(coordinator: User, today: date) -> None:
    actions.adopt_mandate(
        by=coordinator,
        adopted_on=date(2023, 6, 8),
        sections={k: {"fr": fr, "en": en} for k, (fr, en) in MANDATE_V1.items()},
    )
    current = actions.adopt_mandate(
        by=coordinator,
        adopted_on=today - timedelta(days=45),
        sections={k: {"fr": fr, "en": en} for k, (fr, en) in MANDATE_V2.items()},
    )
    for local in {row[0] for row in DESIGNATIONS} - {UNACKNOWLEDGED}:
        Acknowledgement.objects.create(version=current, pivot=_user(local))


def _activities(organisations: dict[str, Organisation], today: date) -> None:
    slugs = {row[0]: row[1] for row in DESIGNATIONS}
    for days, local, kind, audience, participants, minutes, topics in ACTIVITIES:
        actions.record_activity(
            by=_user(local),
            organisation=organisations[slugs[local]],
            submission=uuid.uuid4(),
            held_on=today - timedelta(days=days),
            milieu_type=kind,
            audience=audience,
            participants=participants,
            duration_minutes=minutes,
            topics=topics,
            material="",
        )
