# ruff: noqa: E501 — bilingual demo text reads best one sentence per line.
"""Fictional training for the demo Table (seed_demo): three modules drawn from the seed's
practices, versions (one past its review date), requirements for pivots and workers,
sessions with a waiting list, attendance and declarations — so that the coverage report
names the pivots who lack the pivot-role module."""

import datetime
from typing import Any

from django.utils import timezone

from filet.accounts.models import User
from filet.organisations.models import Organisation
from filet.organisations.roles import Role
from filet.training import actions
from filet.training.models import (
    Attendance,
    Mode,
    Module,
    ModuleVersion,
    Registration,
    RegistrationStatus,
)

DOMAIN = "filet.example"
BASE_URL = "http://127.0.0.1:8000/"

MODULES: list[dict[str, Any]] = [
    {
        "title_fr": "Reconnaître les signes de l'exploitation sexuelle",
        "title_en": "Recognising the signs of sexual exploitation",
        "description_fr": "Les indicateurs de comportement, physiques, matériels, sociaux et en ligne; le devoir de signaler à la DPJ.",
        "description_en": "Behavioural, physical, material, social and online indicators; the duty to report to youth protection.",
        "audience_fr": "Tous les intervenant·e·s des partenaires",
        "audience_en": "Every partner's front-line workers",
        "objectives_fr": "Repérer les indicateurs.\nSavoir à qui parler : l'intervenant·e pivot, la DPJ.",
        "objectives_en": "Spot the indicators.\nKnow whom to talk to: the pivot worker, youth protection.",
        "duration_minutes": 180,
    },
    {
        "title_fr": "Le rôle de l'intervenant·e pivot",
        "title_en": "The pivot worker's role",
        "description_fr": "Informer et sensibiliser son milieu, agir comme personne-ressource, informer sa direction, rester à l'affût de l'évolution du phénomène.",
        "description_en": "Inform and sensitise one's setting, act as a resource person, inform management, keep up with how the phenomenon evolves.",
        "audience_fr": "Intervenant·e·s pivots désigné·e·s",
        "audience_en": "Designated pivot workers",
        "objectives_fr": "Connaître le mandat défini par la Table.\nSavoir consulter un partenaire sans identifier un jeune.",
        "objectives_en": "Know the mandate the Table defined.\nConsult a partner without identifying a youth.",
        "duration_minutes": 240,
    },
    {
        "title_fr": "Intervenir en concertation",
        "title_en": "Intervening together",
        "description_fr": "On n'intervient pas seul : les zones de contribution de chaque partenaire et le filet de sécurité.",
        "description_en": "Nobody intervenes alone: each partner's zones of contribution and the safety net.",
        "audience_fr": "Intervenant·e·s et gestionnaires",
        "audience_en": "Workers and managers",
        "objectives_fr": "Connaître la culture, la mission et les mandats des partenaires.",
        "objectives_en": "Know the partners' culture, mission and mandates.",
        "duration_minutes": 120,
    },
]


def _person(local: str) -> User:
    return User.objects.get(email=f"{local}@{DOMAIN}")


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A working day about `days` from today (the seed runs on any date)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5 or (day.month, day.day) in {(1, 1), (12, 25), (12, 26)}:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load(organisations: dict[str, Organisation], *, by: User) -> None:
    signs, pivot_role, together = [
        actions.save_module(None, by=by, is_active=True, **fields) for fields in MODULES
    ]
    today = timezone.localdate()
    signs_v1 = actions.publish_version(
        signs,
        by=by,
        review_by=today - datetime.timedelta(days=200),
        materials="Guide des indicateurs, 2024 (PDF)",
    )
    signs_v2 = actions.publish_version(
        signs, by=by, review_by=today + datetime.timedelta(days=300),
        materials="Guide des indicateurs, 2025 (PDF)\nCapsule vidéo : le recrutement en ligne",
        change_note="Ajout du recrutement en ligne (Snapchat, Instagram, TikTok) et de la sextorsion.",
    )  # fmt: skip
    pivot_v1 = actions.publish_version(
        pivot_role,
        by=by,
        review_by=today - datetime.timedelta(days=20),
        materials="Mandat des intervenant·e·s pivots, adopté par la Table",
    )
    actions.publish_version(
        together,
        by=by,
        review_by=today + datetime.timedelta(days=400),
        materials="Matrice des zones de contribution (Filet)",
    )
    # Versions published over the past two years, as a real catalogue would have been.
    for version, days_ago in ((signs_v1, 800), (signs_v2, 400), (pivot_v1, 700)):
        published = timezone.now() - datetime.timedelta(days=days_ago)
        ModuleVersion.objects.filter(pk=version.pk).update(published_at=published)
    actions.require_module(pivot_role, role=Role.PIVOT, by=by)
    actions.require_module(signs, role=Role.PIVOT, by=by)
    actions.require_module(signs, role=Role.WORKER, by=by)
    _sessions(by, signs_v2, pivot_v1, together)
    _completions(by, signs_v1, signs_v2, pivot_v1)


def _sessions(by: User, signs_v2: ModuleVersion, pivot_v1: ModuleVersion, together: Module) -> None:
    pivot_session = actions.schedule_session(
        pivot_v1, by=by, trainers=[_person("rep.passerelle")], starts_at=_at(12, 9), ends_at=_at(12, 13),
        mode=Mode.IN_PERSON, place="Maison Passerelle, salle communautaire", video_link="", capacity=3,
    )  # fmt: skip
    for local in ("pivot.dpj", "pivot.police", "pivot.rue", "pivot.ciusss"):
        actions.register(pivot_session, user=_person(local), base_url=BASE_URL, notify=False)
    signs_session = actions.schedule_session(
        signs_v2, by=by, trainers=[_person("pivot.dpj")], starts_at=_at(20, 13, 30), ends_at=_at(20, 16, 30),
        mode=Mode.ONLINE, place="", video_link="https://visio.filet.example/signes", capacity=20,
    )  # fmt: skip
    for local in ("intervenant.ciusss", "teacher.central", "pivot.central"):
        actions.register(signs_session, user=_person(local), base_url=BASE_URL, notify=False)
    actions.schedule_session(
        together.versions.get(), by=by, trainers=[_person("coordination")], starts_at=_at(34, 9), ends_at=_at(34, 11),
        mode=Mode.IN_PERSON, place="Hôtel de ville, salle Jean-Paul-L'Allier", video_link="", capacity=30,
    )  # fmt: skip
    # A session already given: registrations as they stood, then the trainer's attendance.
    past = actions.schedule_session(
        signs_v2, by=by, trainers=[_person("pivot.dpj")], starts_at=_at(-30, 9), ends_at=_at(-30, 12),
        mode=Mode.IN_PERSON, place="CIUSSS de la Capitale, salle 204", video_link="", capacity=15,
    )  # fmt: skip
    marks: dict[int, str] = {}
    for local, mark in (
        ("pivot.ciusss", Attendance.PRESENT),
        ("pivot.passerelle", Attendance.PRESENT),
        ("enseignante.css-fleuve", Attendance.PRESENT),
        ("pivot.rue", Attendance.ABSENT),
    ):
        registration = Registration.objects.create(
            session=past,
            user=_person(local),
            status=RegistrationStatus.REGISTERED,
            registered_at=past.starts_at - datetime.timedelta(days=14),
        )
        marks[registration.pk] = mark
    actions.take_attendance(past, by=_person("pivot.dpj"), marks=marks)


def _completions(
    by: User, signs_v1: ModuleVersion, signs_v2: ModuleVersion, pivot_v1: ModuleVersion
) -> None:
    ago = timezone.localdate() - datetime.timedelta(days=400)
    actions.declare_completion(
        signs_v1,
        user=_person("pivot.police"),
        completed_on=ago,
        evidence="Formation donnée par la Table en 2024",
    )
    for local, reviewer in (
        ("pivot.passerelle", "rep.passerelle"),
        ("pivot.css-fleuve", "rep.css-fleuve"),
    ):
        completion = actions.declare_completion(
            pivot_v1,
            user=_person(local),
            completed_on=ago,
            evidence="Formation d'accueil des pivots, cohorte de printemps",
        )
        actions.review_declaration(
            completion, by=_person(reviewer), approve=True, link=BASE_URL, notify=False
        )
    completion = actions.declare_completion(
        signs_v2,
        user=_person("pivot.dpj"),
        completed_on=ago,
        evidence="A conçu le module avec la coordination",
    )
    actions.review_declaration(completion, by=by, approve=True, link=BASE_URL, notify=False)
    actions.declare_completion(
        pivot_v1,
        user=_person("pivot.central"),
        completed_on=ago,
        evidence="Pivot training given by the English school board, in English",
    )
    # pivot.police's v1 declaration is reviewed: it counts, but for an older version.
    old = signs_v1.completions.get()
    actions.review_declaration(
        old, by=_person("rep.police"), approve=True, link=BASE_URL, notify=False
    )
