"""Who to call, cached: listing the designations in force for a place of a province (some
hundreds, with their weekly hours, absences and what a hit shows) is the page's dearest
step, and it is the same for every reader, so the list of each scope (place, stages,
language) is kept in the cache, under the day it was listed for. What depends on the
reader (their own organisation first) and on the moment (available now) is worked out on
each request, and the designations a kept list puts on the page are checked in force at
that moment: a list kept from before never shows a pivot the page would not show (see
`search`).

Invalidation: every save or delete of what the lists read or show (designations and their
places, stages and milieux, weekly hours, absences, the pivots' work contacts, memberships,
organisations, stages, territories, milieux, and people's name, e-mail, language and active
flag) changes the cache generation once its transaction commits; a list made before is
never read again. Nothing changes those models with QuerySet.update() alone (which sends
no signal) outside demo data; a write that does must call invalidate() itself. The timeout
bounds the memory and, at worst, how long such a write goes unseen. Only committed data is
stored: a search in a transaction that changed any of it lists afresh and stores nothing.

The cache holds what the page shows every partner's staff (pivots' names, work lines, hours
and absence dates: personal, never about a youth), in Redis on the loopback and Filet's
database cache, like the sessions and the training coverage report.
"""

from datetime import date

from django.core.cache import cache
from django.db.models import Model

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.lib.generations import Generation
from filet.matrix.models import Stage
from filet.organisations.models import Membership, Organisation
from filet.pivots import search
from filet.pivots.models import Absence, AvailabilitySlot, Designation, Milieu, PivotContact

GENERATION = Generation("pivots:who:generation")
# Changed whenever the shape of the cached lists changes, so a deployment never reads what
# an older version of this module stored.
FORMAT = 1
TIMEOUT = 15 * 60
# The User fields a list holds or filters on; a sign-in (last_login) changes none of them.
USER_FIELDS = frozenset(search.PIVOT) - {"id"}
WATCHED: tuple[type[Model], ...] = (
    Designation,
    AvailabilitySlot,
    Absence,
    PivotContact,
    Membership,
    Organisation,
    Stage,
    Territory,
    Milieu,
)
PLACES = (Designation.stages.through, Designation.territories.through, Designation.milieux.through)


def find(question: search.Question, *, organisation_ids: set[int]) -> search.Answer:
    """search.find() with each scope's list from the cache."""
    return search.find(question, organisation_ids=organisation_ids, lister=listing)


def listing(scope: search.Scope, day: date) -> search.Listing:
    """The scope's candidates on `day`, from the cache when they are there."""
    if GENERATION.pending():
        return search.afresh(scope, day)
    key = _key(scope, day)
    kept: list[search.Candidate] | None = cache.get(key)
    if kept is not None:
        return search.Listing(kept, kept=True)
    listed = search.candidates(scope, day)
    cache.set(key, listed, TIMEOUT)
    return search.Listing(listed, kept=False)


def _key(scope: search.Scope, day: date) -> str:
    stages = "any" if scope.stage_ids is None else ",".join(map(str, scope.stage_ids))
    return (
        f"pivots:who:{FORMAT}:{GENERATION.current()}:{day.isoformat()}:{scope.milieu_id}:"
        f"{scope.territory_id}:{stages}:{scope.language}"
    )


def invalidate() -> None:
    """Throw every kept list away, once the current transaction (if any) commits."""
    GENERATION.invalidate()


def connect() -> None:
    """Called once by the pivots app's ready()."""
    GENERATION.watch("pivots.whocache", WATCHED, through=PLACES, user=User, user_fields=USER_FIELDS)
