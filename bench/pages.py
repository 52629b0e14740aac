"""The pages the bench measures. Adding a page is one line in PAGES."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    """Who a client plays when it requests a page: a signed-in session, or nobody."""

    key: str | None = None
    role: str | None = None
    email: str = ""
    organisation: int | None = None
    territory: int | None = None
    plan: int | None = None
    consultation: int | None = None
    situation: str | None = None


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[Identity], str]
    role: str | None  # whose session requests the page; None for an anonymous visitor

    def path_for(self, identity: Identity) -> str:
        return self.path(identity) if callable(self.path) else self.path


def own_people(identity: Identity) -> str:
    return f"/partenaires/{identity.organisation}/personnes/"


def own_profile(identity: Identity) -> str:
    return f"/partenaires/{identity.organisation}/"


def who_to_call(path: str) -> Callable[[Identity], str]:
    def asked(identity: Identity) -> str:
        return f"{path}?territory={identity.territory}&language=fr"

    return asked


def own_situation(identity: Identity) -> str:
    # A situation the person takes part in (bench_sessions looks it up); failing that, the
    # showcase filet/situations/bench.py gives each partner's first pivot: QC-2026-<pk>.
    code = identity.situation or f"QC-2026-{identity.organisation:04d}"
    return f"/filet/situation/{code}/"


def own_incidents(identity: Identity) -> str:
    return f"/vie-privee/organisations/{identity.organisation}/incidents/"


def own_due(identity: Identity) -> str:
    return f"/vie-privee/organisations/{identity.organisation}/destruction/"


# The floor renders the base layout only: every other page is compared with it.
FLOOR = "floor"

PAGES = [
    Page(FLOOR, "/plancher/", "worker"),
    Page("home · coordinator", "/", "coordinator"),
    Page("home · representative", "/", "representative"),
    Page("home · pivot", "/", "pivot"),
    Page("home · worker", "/", "worker"),
    Page("login (anonymous)", "/comptes/login/", None),
    Page("partners", "/partenaires/", "representative"),
    Page("partner people", own_people, "representative"),
    Page("directory search", "/partenaires/?q=prevention", "worker"),
    Page("partner profile", own_profile, "worker"),
    Page("the Table", "/repertoire/table/", "worker"),
    Page("matrix", "/matrice/", "representative"),
    Page("audit log", "/journal/", "privacy_officer"),
    Page("privacy", "/vie-privee/", "worker"),
    Page("retention schedule", "/vie-privee/calendrier-de-conservation/", "worker"),
    Page("incident register", own_incidents, "privacy_officer"),
    Page("due for destruction", own_due, "privacy_officer"),
    Page("observatory trends · coordinator", "/observatoire/", "coordinator"),
    Page("action plan", lambda identity: f"/plan-action/{identity.plan}/", "coordinator"),
    Page("meetings", "/reunions/", "coordinator"),
    Page("training coverage", "/formation/couverture/", "coordinator"),
    Page("training coverage · representative", "/formation/couverture/", "representative"),
    Page("library search", "/bibliotheque/?q=prevention+ecole", "worker"),
    Page("watch bulletin", "/veille/bulletins/2025/06/", "pivot"),
    # Sector pk 1 is the first one filet/pivots/bench.py creates on the fresh bench database.
    Page("who to call", who_to_call("/pivots/qui-appeler/"), "worker"),
    Page("pivots board · coordinator", "/pivots/", "coordinator"),
    Page("pivots board · representative", "/pivots/", "representative"),
    Page("my safety net · pivot", "/filet/mon-filet/", "pivot"),
    Page("my safety net · representative", "/filet/mon-filet/", "representative"),
    Page("situation page · pivot", own_situation, "pivot"),
    # Each pivot opens a consultation routed to them, looked up by bench_sessions.
    Page("consultation inbox · pivot", "/consultations/", "pivot"),
    Page(
        "consultation page · pivot",
        lambda identity: f"/consultations/{identity.consultation}/",
        "pivot",
    ),
    # The REST API answers the bench's signed-in sessions as it answers a token (GET only).
    Page("api · organisations", "/api/organisations/", "worker"),
    Page("api · matrix cells", "/api/matrix/cells/", "representative"),
    Page("api · who to call", who_to_call("/api/pivots/who-to-call/"), "worker"),
    Page("api · observations · pivot", "/api/observations/", "pivot"),
    Page("api · trends · coordinator", "/api/observatory/trends/", "coordinator"),
    Page("api · resources", "/api/resources/", "worker"),
    Page("api · HSDS services", "/api/hsds/services", "worker"),
    Page("health (anonymous)", "/ops/sante/", None),
]


def roles_needed(pages: list[Page]) -> list[str]:
    """The signed-in roles the pages call for, in order of first use."""
    return list(dict.fromkeys(page.role for page in pages if page.role is not None))
