"""Fictional concerted situations for the demo Table (seed_demo), opened by the English
school board's teacher: one that gathered two partners, with an action now overdue; one
still alone with an invitation pending; one in monitoring whose review date has passed."""

import uuid
from datetime import timedelta

from django.utils import timezone

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.organisations.models import Organisation
from filet.pivots.models import Designation
from filet.situations import actions
from filet.situations.actions import SituationData
from filet.situations.models import Situation, Status
from filet.taxonomy.models import Term, Vocabulary

DOMAIN = "filet.example"
GATHERED = "Frequent absences, new expensive gifts, an older partner waits after school."
SOON, DAYS_2 = timedelta(days=14), timedelta(days=2)


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@{DOMAIN}")


def _designation(local: str) -> Designation:
    return Designation.objects.in_force().filter(pivot=_user(local)).order_by("-level").first()  # type: ignore[return-value]


def _open(
    teacher: User, school: Organisation, sector: str, summary: str, **extra: object
) -> Situation:
    indicators = list(Term.objects.of(Vocabulary.INDICATOR).order_by("pk")[:3])
    data = SituationData(
        age_band=str(extra.get("age_band", "14_15")),
        gender=str(extra.get("gender", "girl")),
        sector=Territory.objects.get(code=sector),
        milieu_type="school",
        dpj_report=str(extra.get("dpj_report", "made")),
        dpj_reported_in=timezone.localdate().replace(day=1),
        indicators=indicators,
        summary=summary,
    )
    return actions.open_situation(
        by=teacher, organisation=school, data=data, submission=uuid.uuid4()
    )


def _join(situation: Situation, teacher: User, local: str) -> None:
    participant = actions.invite(situation, by=teacher, designation=_designation(local))
    actions.respond(participant, by=participant.person, accept=True)


def load(organisations: dict[str, Organisation], *, coordinator: User) -> None:
    teacher, school = _user("teacher.central"), organisations["central"]
    today = timezone.localdate()
    gathered = _open(teacher, school, "sainte-foy", GATHERED)
    _join(gathered, teacher, "pivot.passerelle")
    _join(gathered, teacher, "pivot.rue")
    gathered.refresh_from_db()
    frame = actions.data_of(
        gathered, lead_organisation=organisations["passerelle"], next_review_on=today + SOON
    )
    gathered = actions.change_situation(gathered, by=teacher, version=gathered.version, data=frame)
    actions.add_action(gathered, by=teacher, submission=uuid.uuid4(),
                       title="Meet the youth with the street worker at school",
                       organisation=organisations["rue"], person=_user("pivot.rue"),
                       due_on=today - timedelta(days=3))  # fmt: skip
    actions.add_action(gathered, by=teacher, submission=uuid.uuid4(),
                       title="Offer a place in the group programme",
                       organisation=organisations["passerelle"], person=_user("pivot.passerelle"),
                       due_on=today + timedelta(days=10))  # fmt: skip
    actions.add_note(gathered, by=_user("pivot.rue"), submission=uuid.uuid4(),
                     text="First contact made in the neighbourhood.")  # fmt: skip
    alone = _open(teacher, school, "saint-roch", "Self-advertising seen online by peers.",
                  age_band="12_13", dpj_report="to_do")  # fmt: skip
    actions.invite(alone, by=teacher, designation=_designation("pivot.dpj"))
    monitored = _open(teacher, school, "sainte-foy", "Runaway episodes, now back at school.",
                      age_band="16_17", gender="not_stated")  # fmt: skip
    _join(monitored, teacher, "pivot.ciusss")
    monitored.refresh_from_db()
    frame = actions.data_of(
        monitored, lead_organisation=organisations["ciusss"], next_review_on=today - DAYS_2
    )
    monitored = actions.change_situation(
        monitored, by=teacher, version=monitored.version, data=frame
    )
    actions.change_status(monitored, by=teacher, status=Status.MONITORING)
