"""Fictional consultations for the demo Table (seed_demo): a teacher of a French school
service centre asks the youth protection pivot twice; one question is answered and rated,
the other waits. Nobody is named in them."""

import uuid

from filet.accounts.models import User
from filet.consultations import actions
from filet.consultations.models import Rating, Urgency
from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.models import Organisation
from filet.pivots.models import Designation, Level
from filet.taxonomy.models import Term, Vocabulary

DOMAIN = "filet.example"

ANSWERED = (
    "Une élève de 3e secondaire s'absente souvent le vendredi et revient avec des cadeaux "
    "coûteux. Quels signes devrais-je noter avant d'en parler à la direction?",
    "Notez les faits observés (absences, objets, changements de comportement) sans "
    "interpréter. Si vous avez un motif raisonnable de croire que sa sécurité est "
    "compromise, vous devez signaler à la DPJ; je peux vous accompagner dans cette démarche.",
)
PENDING = (
    "Un groupe d'élèves parle d'un adulte qui offre des « contrats » de photos sur les "
    "réseaux sociaux. Comment aborder le sujet en classe sans inquiéter tout le monde?"
)


def _user(local: str) -> User:
    return User.objects.get(email=f"{local}@{DOMAIN}")


def load(organisations: dict[str, Organisation], *, coordinator: User) -> None:
    teacher, pivot = _user("enseignante.css-fleuve"), _user("pivot.dpj")
    designation = Designation.objects.get(pivot=pivot, level=Level.PRIMARY)
    territory = Territory.objects.get(code="charlesbourg")
    detection = Stage.objects.filter(code="detection").first()
    gifts = Term.objects.of(Vocabulary.INDICATOR).filter(code="unexplained-gifts").first()
    topic = gifts or Term.objects.of(Vocabulary.INDICATOR).first()
    if topic is None:
        raise RuntimeError("The taxonomy's indicators are seeded by a migration; none found.")
    first = actions.ask(
        actions.Request(
            territory=territory,
            topic=topic,
            urgency=Urgency.NORMAL,
            question=ANSWERED[0],
            language="fr",
            stage=detection,
            designation=designation,
        ),
        by=teacher,
        organisation=organisations["css-fleuve"],
        submission=uuid.uuid4(),
    )
    first = actions.accept(first, by=pivot, version=first.version)
    first = actions.answer(
        first, by=pivot, version=first.version, text=ANSWERED[1], submission=uuid.uuid4()
    )
    actions.rate(first, by=teacher, version=first.version, rating=Rating.USEFUL, comment="")
    actions.ask(
        actions.Request(
            territory=territory,
            topic=topic,
            urgency=Urgency.URGENT,
            question=PENDING,
            language="fr",
            stage=detection,
            designation=designation,
        ),
        by=teacher,
        organisation=organisations["css-fleuve"],
        submission=uuid.uuid4(),
    )
