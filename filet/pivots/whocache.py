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

import uuid
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from filet.accounts.models import User
from filet.directory.models import Territory
from filet.matrix.models import Stage
from filet.organisations.models import Membership, Organisation
from filet.pivots import search
from filet.pivots.models import Absence, AvailabilitySlot, Designation, Milieu, PivotContact

GENERATION_KEY = "pivots:who:generation"
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
    if _changed_in_this_transaction():
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
        f"pivots:who:{FORMAT}:{_generation()}:{day.isoformat()}:{scope.milieu_id}:"
        f"{scope.territory_id}:{stages}:{scope.language}"
    )


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or "none"
    return str(generation)


def _bump() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _changed_in_this_transaction() -> bool:
    # An invalidation waiting for this transaction's commit: what is read here holds
    # uncommitted changes, which must neither be served from the cache nor stored in it.
    return any(entry[1] is _bump for entry in connection.run_on_commit)


def invalidate() -> None:
    """Throw every kept list away, once the current transaction (if any) commits: a list
    made before the commit then sits under a generation nobody reads."""
    if not _changed_in_this_transaction():  # once per transaction is enough
        transaction.on_commit(_bump)


def _changed(sender: type[Model], **kwargs: Any) -> None:
    invalidate()


def _places_changed(sender: type[Model], action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        invalidate()


def _user_changed(
    sender: type[Model], update_fields: frozenset[str] | None = None, **kwargs: Any
) -> None:
    if update_fields is None or USER_FIELDS & set(update_fields):
        invalidate()


def connect() -> None:
    """Called once by the pivots app's ready()."""
    uid = "pivots.whocache"
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save.{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete.{model.__name__}")
    for through in PLACES:
        m2m_changed.connect(
            _places_changed, sender=through, dispatch_uid=f"{uid}.m2m.{through.__name__}"
        )
    post_save.connect(_user_changed, sender=User, dispatch_uid=f"{uid}.save.User")
    post_delete.connect(_changed, sender=User, dispatch_uid=f"{uid}.delete.User")
