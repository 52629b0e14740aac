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
    Page("observatory trends · coordinator", "/observatoire/", "coordinator"),
    Page("action plan", "/plan-action/1/", "coordinator"),
    Page("meetings", "/reunions/", "coordinator"),
    Page("training coverage", "/formation/couverture/", "coordinator"),
    Page("training coverage · representative", "/formation/couverture/", "representative"),
    Page("library search", "/bibliotheque/?q=prevention+ecole", "worker"),
    Page("watch bulletin", "/veille/bulletins/2025/06/", "pivot"),
    # Sector pk 1 is the first one filet/pivots/bench.py creates on the fresh bench database.
    Page("who to call", "/pivots/qui-appeler/?territory=1&language=fr", "worker"),
    Page("pivots board · coordinator", "/pivots/", "coordinator"),
    Page("pivots board · representative", "/pivots/", "representative"),
]


def roles_needed(pages: list[Page]) -> list[str]:
    """The signed-in roles the pages call for, in order of first use."""
    return list(dict.fromkeys(page.role for page in pages if page.role is not None))
