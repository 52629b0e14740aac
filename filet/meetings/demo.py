# ruff: noqa: E501 — demo text reads best one sentence per line.
"""A believable, fictional year of the demo Table (seed_demo): three past meetings whose
minutes were adopted in turn, the action plan built on the seed's three objectives and
adopted by resolution, a question still open, and an upcoming meeting whose agenda shows
the open question, the business arising and the minutes waiting for adoption."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from filet.accounts.models import User
from filet.meetings import actions
from filet.meetings.actions import Presence, ResolutionInput
from filet.meetings.models import AttendanceStatus, DecisionMethod, Meeting
from filet.organisations.models import Organisation
from filet.plans import actions as plan_actions
from filet.plans.actions import ActionInput
from filet.plans.models import ActionStatus, Objective, Plan

OBJECTIVES = [
    (
        "Définir les zones de contribution et de collaboration de chaque partenaire",
        "Define each partner's zones of contribution and collaboration",
    ),
    (
        "Formaliser les pratiques par la rédaction et la diffusion de contenus de formation",
        "Formalise practices by writing and spreading training content",
    ),
    ("Adopter et suivre un plan d'action concerté", "Adopt and follow a joint action plan"),
]

# objective, French title, English title, responsible, partners, start offset, due offset (days from today), weight, status, progress
ACTIONS = [
    (
        1,
        "Faire adopter la matrice des zones de contribution",
        "Have the matrix of zones of contribution adopted",
        ["table"],
        ["dpj", "police"],
        -300,
        -150,
        3,
        ActionStatus.DONE,
        100,
    ),
    (
        1,
        "Signer une entente de collaboration école–police",
        "Sign a school–police collaboration agreement",
        ["police"],
        ["css-fleuve", "css-haute-ville", "css-terres"],
        -200,
        60,
        2,
        ActionStatus.IN_PROGRESS,
        60,
    ),
    (
        1,
        "Décrire les mandats des intervenants pivots par organisation",
        "Describe the pivots' mandates in each organisation",
        ["dpj"],
        ["ciusss", "passerelle"],
        -180,
        -20,
        2,
        ActionStatus.IN_PROGRESS,
        70,
    ),
    (
        2,
        "Rédiger le module « Repérer les signes d'exploitation »",
        "Write the module “Spotting the signs of exploitation”",
        ["recherche"],
        ["dpj", "ciusss"],
        -240,
        -40,
        3,
        ActionStatus.DONE,
        100,
    ),
    (
        2,
        "Adapter le module de repérage en anglais",
        "Adapt the screening module in English",
        ["central"],
        ["recherche"],
        -90,
        120,
        1,
        ActionStatus.IN_PROGRESS,
        30,
    ),
    (
        2,
        "Former 150 intervenants des écoles secondaires",
        "Train 150 secondary-school workers",
        ["css-fleuve"],
        ["css-haute-ville", "css-terres", "central"],
        -120,
        210,
        2,
        ActionStatus.IN_PROGRESS,
        40,
    ),
    (
        3,
        "Tenir un bilan semestriel du plan d'action",
        "Hold a half-yearly review of the action plan",
        ["table"],
        [],
        -150,
        30,
        1,
        ActionStatus.IN_PROGRESS,
        50,
    ),
    (
        3,
        "Mettre en place un corridor de référence avec le travail de rue",
        "Set up a referral corridor with street work",
        ["rue"],
        ["ciusss", "passerelle"],
        -60,
        -5,
        2,
        ActionStatus.BLOCKED,
        20,
    ),
]


NOTES = {
    "1.1": "Matrice adoptée par la Table; diffusée aux partenaires.",
    "1.2": "Projet d'entente relu par les trois centres de services scolaires.",
    "1.3": "Mandats décrits pour la DPJ et le CIUSSS; reste la Maison Passerelle.",
    "2.1": "Module terminé et présenté en formation pilote.",
    "2.2": "Traduction en cours; révision prévue avec le centre de recherche.",
    "2.3": "62 intervenants formés sur 150.",
    "3.1": "Premier bilan présenté à la Table.",
    "3.2": "En attente d'une entente sur les heures de garde.",
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _meeting(
    by: User, title: str, day: date, organisations: list[Organisation], *, video: bool = False
) -> Meeting:
    return actions.create_meeting(
        by=by,
        title=title,
        starts_at=_at(day, 13, 30),
        ends_at=_at(day, 16, 0),
        place="" if video else "Salle du conseil, 2e étage — Centre administratif de la Table",
        video_link="https://visio.filet.example/table-reguliere" if video else "",
        organisations=organisations,
    )


def _agenda(meeting: Meeting, by: User, items: list[tuple[str, str, int]]) -> None:
    for title, presenter, minutes in items:
        actions.add_agenda_item(
            meeting, by=by, title=title, presenter=presenter, duration_minutes=minutes
        )


def _attendance(meeting: Meeting, by: User, seated: list[Organisation], excused: set[str]) -> None:
    entries = [
        Presence(
            AttendanceStatus.EXCUSED if o.acronym in excused else AttendanceStatus.PRESENT,
            organisation=o,
        )
        for o in seated
    ]
    actions.record_attendance(meeting, by=by, entries=entries)


def _plan(by: User, orgs: dict[str, Organisation], today: date) -> tuple[Plan, list[Objective]]:
    plan = plan_actions.create_plan(
        by=by,
        title_fr=f"Plan d'action {today.year}-{today.year + 2}",
        title_en=f"Action plan {today.year}–{today.year + 2}",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year + 2, 12, 31),
    )
    objectives = [
        plan_actions.add_objective(plan, by=by, title_fr=fr, title_en=en) for fr, en in OBJECTIVES
    ]
    for obj, fr, en, responsible, partners, start, due, weight, status, progress in ACTIONS:
        action = plan_actions.create_action(
            ActionInput(
                objective=objectives[obj - 1],
                title_fr=fr,
                title_en=en,
                due_on=today + timedelta(days=due),
                responsible=[orgs[s] for s in responsible],
                partners=[orgs[s] for s in partners],
                starts_on=today + timedelta(days=start),
                weight=weight,
            ),
            by=by,
        )
        if progress:
            plan_actions.update_progress(
                action,
                by=by,
                version=action.version,
                status=status,
                progress=progress,
                note=NOTES.get(action.code, ""),
            )
            # Demo only: spread the notes over the past weeks, as if reported over time.
            action.notes.update(created_at=timezone.now() - timedelta(days=5 + len(fr) * 7 % 80))
    trained = plan.objectives.get(position=2).actions.get(code="2.3")
    indicator = plan_actions.add_indicator(
        trained,
        by=by,
        name_fr="Intervenants formés",
        name_en="Workers trained",
        target=Decimal(150),
    )
    for days, value in ((-100, 18), (-60, 41), (-20, 62)):
        plan_actions.record_measurement(
            indicator, by=by, measured_on=today + timedelta(days=days), value=Decimal(value)
        )
    return plan, objectives


def load(organisations: dict[str, Organisation], *, by: User) -> None:
    """Build the demo year. `organisations` maps seed slugs to organisations."""
    from filet.directory.models import TableMembership

    today = timezone.localdate()
    seated = list(
        Organisation.objects.filter(
            pk__in=TableMembership.objects.current().values("organisation_id")
        )
    )
    people = {u.email.split("@")[0]: u for u in User.objects.filter(is_demo=True)}
    plan, objectives = _plan(by, organisations, today)

    m0 = _meeting(by, "Rencontre régulière de la Table", today - timedelta(days=105), seated)
    _agenda(
        m0,
        by,
        [
            ("Mot de bienvenue et adoption de l'ordre du jour", "Hélène Bergeron", 10),
            ("Présentation du projet de plan d'action", "Hélène Bergeron", 45),
            ("Tour de table des partenaires", "", 40),
        ],
    )
    _attendance(m0, by, seated, {"SPC"})
    adoption = actions.take_resolution(
        m0,
        by=by,
        data=ResolutionInput(
            decision="La Table adopte le plan d'action présenté, avec ses trois objectifs.",
            method=DecisionMethod.CONSENSUS,
        ),
    )
    plan_actions.adopt_plan(plan, by=by, resolution=adoption)
    actions.save_minutes(
        m0,
        by=by,
        version=0,
        text="Ouverture à 13 h 30. Le quorum est atteint.\n\nLe projet de plan d'action est présenté et adopté (résolution "
        + adoption.code
        + ").\n\nTour de table : les partenaires font le point sur leurs activités de sensibilisation.",
    )

    m1 = _meeting(
        by, "Rencontre régulière de la Table", today - timedelta(days=70), seated, video=True
    )
    _agenda(
        m1,
        by,
        [
            ("Adoption du procès-verbal de la rencontre précédente", "Hélène Bergeron", 5),
            ("Entente école–police : état des travaux", "Éric Lavoie", 30),
            ("Module de formation sur le repérage", "Nadia Bouchard", 30),
        ],
    )
    _attendance(m1, by, seated, {"CIUSSS-C", "TRJB"})
    actions.circulate_minutes(m0.minutes, by=by)
    actions.adopt_minutes(m0.minutes, by=by, at_meeting=m1)
    actions.take_resolution(
        m1,
        by=by,
        data=ResolutionInput(
            decision="La Table demande une version anglaise du module de repérage avant la prochaine rentrée.",
            method=DecisionMethod.VOTE,
            votes_for=11,
            votes_against=0,
            abstentions=1,
            follow_up_organisation=organisations["central"],
            due_on=today + timedelta(days=120),
        ),
    )
    actions.save_minutes(
        m1,
        by=by,
        version=0,
        text="Ouverture à 13 h 35 en visioconférence.\n\nLe procès-verbal de la rencontre précédente est adopté.\n\nLa version anglaise du module de repérage est demandée.",
    )

    m2 = _meeting(by, "Rencontre régulière de la Table", today - timedelta(days=35), seated)
    _agenda(
        m2,
        by,
        [
            ("Adoption du procès-verbal", "Hélène Bergeron", 5),
            ("Corridor de référence avec le travail de rue", "Maxime Bélanger", 40),
            ("Période de questions", "", 20),
        ],
    )
    _attendance(m2, by, seated, {"CREF"})
    actions.circulate_minutes(m1.minutes, by=by)
    actions.adopt_minutes(m1.minutes, by=by, at_meeting=m2)
    actions.ask_question(
        m2,
        by=by,
        asked_by=people.get("rep.rue"),
        organisation=organisations["rue"],
        text="Comment les intervenants de rue peuvent-ils joindre un pivot scolaire en dehors des heures de classe ?",
    )
    answered = actions.ask_question(
        m2,
        by=by,
        asked_by=people.get("rep.central"),
        organisation=organisations["central"],
        text="Le module de repérage sera-t-il offert en ligne ?",
    )
    actions.answer_question(
        answered,
        by=by,
        version=answered.version,
        answer="Oui, une version en ligne est prévue au plan (action 2.2).",
        answered_by=people.get("chercheuse"),
        close=True,
    )
    corridor = ResolutionInput(
        decision="La Table confie au CIUSSS et au travail de rue la mise en place d'un corridor de référence et d'une liste de garde des pivots.",
        method=DecisionMethod.CONSENSUS,
        follow_up_organisation=organisations["ciusss"],
        due_on=today + timedelta(days=45),
        actions=[
            ActionInput(
                objective=objectives[2],
                title_fr="Publier la liste de garde des pivots",
                title_en="Publish the pivots' on-call list",
                responsible=[organisations["ciusss"]],
                partners=[organisations["rue"]],
                due_on=today + timedelta(days=45),
                starts_on=today - timedelta(days=35),
            ),
            ActionInput(
                objective=objectives[0],
                title_fr="Présenter le corridor aux directions d'école",
                title_en="Present the corridor to school principals",
                responsible=[organisations["css-haute-ville"]],
                partners=[organisations["rue"]],
                due_on=today + timedelta(days=75),
                starts_on=today - timedelta(days=35),
            ),
        ],
    )
    actions.take_resolution(m2, by=by, data=corridor)
    actions.save_minutes(
        m2,
        by=by,
        version=0,
        text="Ouverture à 13 h 30. Le quorum est atteint.\n\nLe corridor de référence est confié au CIUSSS et au travail de rue.\n\nPériode de questions : deux questions; une reste ouverte.",
    )
    actions.circulate_minutes(m2.minutes, by=by)

    m3 = _meeting(by, "Rencontre régulière de la Table", today + timedelta(days=12), seated)
    _agenda(
        m3,
        by,
        [
            ("Mot de bienvenue et adoption de l'ordre du jour", "Hélène Bergeron", 10),
            ("Suivi du plan d'action", "Hélène Bergeron", 30),
            ("Présentation du portrait régional", "Pierre Tremblay", 30),
        ],
    )
    follow = m3.agenda_items.get(position=2)
    actions.add_agenda_item(
        m3,
        by=by,
        parent=follow,
        title="Rapport de suivi à la date de la rencontre",
        presenter="Hélène Bergeron",
        duration_minutes=10,
        documents=[
            ("Rapport de suivi du plan", f"https://filet.example/plan-action/{plan.pk}/suivi/")
        ],
    )
