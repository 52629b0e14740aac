"""Load a fictional Table modelled on the seed: partners of every type, and people in every
role. Every name here is invented; none is a youth."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from allauth.account.models import EmailAddress

from filet.accounts.models import Language, User
from filet.audit.actions import record
from filet.consultations import demo as consultations_demo
from filet.directory import demo as directory_demo
from filet.matrix import demo as matrix_demo
from filet.meetings import demo as meetings_demo
from filet.observatory import demo as observatory_demo
from filet.organisations.models import Membership, Organisation, OrganisationType, Role
from filet.pivots import demo as pivots_demo
from filet.resources import demo as resources_demo
from filet.situations import demo as situations_demo
from filet.training import demo as training_demo
from filet.watch import demo as watch_demo

DEMO_PASSWORD = "Filet-demo-2026"  # nosec B105  # the demo accounts' published password
DOMAIN = "filet.example"

T = OrganisationType
# slug, French name, English name, acronym, type
ORGANISATIONS = [
    (
        "table",
        "Coordination de la Table régionale",
        "Regional Table coordination",
        "TR",
        T.COORDINATION,
    ),
    (
        "dpj",
        "Direction de la protection de la jeunesse — Capitale",
        "Youth Protection Directorate — Capitale",
        "DPJ-C",
        T.YOUTH_PROTECTION,
    ),
    (
        "recherche",
        "Centre de recherche Enfance et Famille",
        "Child and Family Research Centre",
        "CREF",
        T.RESEARCH,
    ),
    (
        "police",
        "Service de police de la Capitale",
        "Capitale Police Service",
        "SPC",
        T.MUNICIPAL_POLICE,
    ),
    ("passerelle", "Maison Passerelle", "Passerelle House", "MP", T.COMMUNITY),
    (
        "ciusss",
        "CIUSSS de la Capitale",
        "Capitale Integrated Health and Social Services Centre",
        "CIUSSS-C",
        T.HEALTH_SOCIAL,
    ),
    (
        "sante-publique",
        "Direction de santé publique de la Capitale",
        "Capitale Public Health Directorate",
        "DSPC",
        T.PUBLIC_HEALTH,
    ),
    (
        "css-fleuve",
        "Centre de services scolaire des Découvreurs-du-Fleuve",
        "Découvreurs-du-Fleuve School Service Centre",
        "CSSDF",
        T.FRENCH_SCHOOL,
    ),
    (
        "css-haute-ville",
        "Centre de services scolaire de la Haute-Ville",
        "Haute-Ville School Service Centre",
        "CSSHV",
        T.FRENCH_SCHOOL,
    ),
    (
        "css-terres",
        "Centre de services scolaire des Premières-Terres",
        "Premières-Terres School Service Centre",
        "CSSPT",
        T.FRENCH_SCHOOL,
    ),
    (
        "central",
        "Commission scolaire Central Capitale",
        "Central Capitale School Board",
        "CCSB",
        T.ENGLISH_SCHOOL,
    ),
    ("rue", "Travail de rue Jeunesse Boréale", "Boréale Youth Street Work", "TRJB", T.STREET_WORK),
    (
        "victimes",
        "Aide aux victimes de la Capitale",
        "Capitale Victim Assistance",
        "AVC",
        T.VICTIM_ASSISTANCE,
    ),
]

FR, EN = Language.FRENCH, Language.ENGLISH
# e-mail local part, full name, language, organisation slug, roles
PEOPLE = [
    ("coordination", "Hélène Bergeron", FR, "table", [Role.COORDINATOR]),
    ("rep.dpj", "Marc-André Pelletier", FR, "dpj", [Role.REPRESENTATIVE]),
    ("pivot.dpj", "Sophie Gagnon", FR, "dpj", [Role.PIVOT]),
    ("rprp.dpj", "Louise Fortin", FR, "dpj", [Role.PRIVACY_OFFICER]),
    ("gestion.dpj", "Richard Simard", FR, "dpj", [Role.MANAGER]),
    ("chercheuse", "Nadia Bouchard", FR, "recherche", [Role.RESEARCHER, Role.REPRESENTATIVE]),
    ("rep.police", "Éric Lavoie", FR, "police", [Role.REPRESENTATIVE]),
    ("pivot.police", "Julie Morin", FR, "police", [Role.PIVOT]),
    (
        "rep.passerelle",
        "Chantal Roy",
        FR,
        "passerelle",
        [Role.REPRESENTATIVE, Role.PRIVACY_OFFICER],
    ),
    ("pivot.passerelle", "Kim Nguyen", FR, "passerelle", [Role.PIVOT]),
    ("rep.ciusss", "Isabelle Côté", FR, "ciusss", [Role.REPRESENTATIVE]),
    ("pivot.ciusss", "François Leclerc", FR, "ciusss", [Role.PIVOT]),
    ("intervenant.ciusss", "Mélanie Dubé", FR, "ciusss", [Role.WORKER]),
    ("rep.sante-publique", "Pierre Tremblay", FR, "sante-publique", [Role.REPRESENTATIVE]),
    ("rep.css-fleuve", "Annie Girard", FR, "css-fleuve", [Role.REPRESENTATIVE]),
    ("pivot.css-fleuve", "Mathieu Poulin", FR, "css-fleuve", [Role.PIVOT]),
    ("enseignante.css-fleuve", "Catherine Lemieux", FR, "css-fleuve", [Role.WORKER]),
    ("rep.css-haute-ville", "Stéphane Caron", FR, "css-haute-ville", [Role.REPRESENTATIVE]),
    ("rep.css-terres", "Valérie Ouellet", FR, "css-terres", [Role.REPRESENTATIVE]),
    ("rep.central", "Sarah MacDonald", EN, "central", [Role.REPRESENTATIVE, Role.PRIVACY_OFFICER]),
    ("pivot.central", "James O'Connor", EN, "central", [Role.PIVOT]),
    ("teacher.central", "Emily Walsh", EN, "central", [Role.WORKER]),
    ("rep.rue", "Maxime Bélanger", FR, "rue", [Role.REPRESENTATIVE]),
    ("pivot.rue", "Jade Paquette", FR, "rue", [Role.PIVOT]),
    ("rep.victimes", "Nathalie Rioux", FR, "victimes", [Role.REPRESENTATIVE]),
]

# The accounts `make run` prints: one per role.
SHOWCASE = [
    "coordination",
    "rep.dpj",
    "pivot.dpj",
    "intervenant.ciusss",
    "teacher.central",
    "gestion.dpj",
    "chercheuse",
    "rprp.dpj",
    "admin",
]


def demo_email(local: str) -> str:
    return f"{local}@{DOMAIN}"


class Command(BaseCommand):
    help = "Load the fictional demo Table (only into a database without organisations)."

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            self.stdout.write("seed_demo: organisations already present, nothing loaded")
            return
        people = self.load()
        self.stdout.write(
            f"seed_demo: {len(ORGANISATIONS)} organisations and {people} people loaded"
        )

    @transaction.atomic
    def load(self) -> int:
        organisations = {
            slug: Organisation.objects.create(name_fr=fr, name_en=en, acronym=acronym, type=kind)
            for slug, fr, en, acronym, kind in ORGANISATIONS
        }
        password = make_demo_user("admin", "Alex Admin", FR).password
        User.objects.filter(email=demo_email("admin")).update(is_staff=True)
        for local, name, language, slug, roles in PEOPLE:
            user = make_demo_user(local, name, language, password)
            for role in roles:
                Membership.objects.create(user=user, organisation=organisations[slug], role=role)
        admin = User.objects.get(email=demo_email("admin"))
        Membership.objects.create(
            user=admin, organisation=organisations["table"], role=Role.ADMINISTRATOR
        )
        record(None, "demo.seeded", organisations=len(organisations), people=len(PEOPLE) + 1)
        matrix_demo.load(organisations, by=User.objects.get(email=demo_email("coordination")))
        directory_demo.load(organisations)
        training_demo.load(organisations, by=User.objects.get(email=demo_email("coordination")))
        meetings_demo.load(organisations, by=User.objects.get(email=demo_email("coordination")))
        observatory_demo.load(
            organisations, coordinator=User.objects.get(email=demo_email("coordination"))
        )
        pivots_demo.load(
            organisations, coordinator=User.objects.get(email=demo_email("coordination"))
        )
        watch_demo.load(
            organisations, coordinator=User.objects.get(email=demo_email("coordination"))
        )
        resources_demo.load(
            organisations, coordinator=User.objects.get(email=demo_email("coordination"))
        )
        situations_demo.load(
            organisations, coordinator=User.objects.get(email=demo_email("coordination"))
        )
        consultations_demo.load(
            organisations, coordinator=User.objects.get(email=demo_email("coordination"))
        )
        return len(PEOPLE) + 1


def make_demo_user(local: str, name: str, language: str, password_hash: str = "") -> User:  # nosec B107  # "": hash the demo password
    """Hash the shared demo password once; argon2 is slow on purpose."""
    user = User(email=demo_email(local), full_name=name, language=language, is_demo=True)
    if password_hash:
        user.password = password_hash
    else:
        user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
