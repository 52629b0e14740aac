"""The coverage report page, cached: compute() over a province reads every person and their
completions (some 15 000 lines, hundreds of milliseconds), so the page keeps the result in
the cache, compact (tuples), and rebuilds objects only for the lines of the page shown.

Invalidation: every save or delete of what the report reads (requirements, modules and
their versions, completions, memberships, people, organisations) and every audited
training action changes the cache generation once its transaction commits; a report
computed before is never read again. A write that bypasses save() — QuerySet.update() on
those models — must call invalidate() itself. The timeout only bounds the memory used.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, overload

from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import post_save

from filet.accounts.models import User
from filet.audit.models import AuditEntry
from filet.lib.generations import Generation
from filet.organisations.models import Membership, Organisation
from filet.organisations.roles import Role
from filet.training.coverage import Coverage, CoverageStatus, Line, Person, compute
from filet.training.models import Completion, Module, ModuleVersion, Requirement

# A bump per change, as before the generations were shared (its writers change few rows).
GENERATION = Generation("training:coverage:generation", once_per_transaction=False)
TIMEOUT = 60 * 60
# User fields the report shows or filters on; a save of other fields (last_login on every
# sign-in, the password) leaves the report as it was.
USER_FIELDS = frozenset({"full_name", "email", "is_active"})
WATCHED: tuple[type[Model], ...] = (
    Requirement,
    Module,
    ModuleVersion,
    Completion,
    Membership,
    Organisation,
)

# A line, compact: organisation (pk, names), person (pk, name, e-mail), role, module, latest
# version, version held, status. Totals: organisation (pk, names), people, not current.
Row = tuple[int, str, str, str, int, str, str, str, int, int | None, int | None, str]
TotalsRow = tuple[int, str, str, str, int, int]
# Lines are cached in chunks: a page of the report reads one or two, not the whole province.
CHUNK = 100


@dataclass(frozen=True)
class Totals:
    organisation: Organisation
    people_count: int
    not_current_count: int

    @property
    def current_count(self) -> int:
        return self.people_count - self.not_current_count


class TotalsList:
    """The totals per organisation, as a sequence the Paginator slices."""

    def __init__(self, rows: list[TotalsRow]) -> None:
        self._rows = rows

    def count(self) -> int:
        return len(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Totals: ...
    @overload
    def __getitem__(self, index: slice) -> list[Totals]: ...
    def __getitem__(self, index: int | slice) -> Totals | list[Totals]:
        if isinstance(index, int):
            return _totals(self._rows[index])
        return [_totals(row) for row in self._rows[index]]

    def __iter__(self) -> Iterator[Totals]:
        return (_totals(row) for row in self._rows)


def _totals(row: TotalsRow) -> Totals:
    return Totals(_organisation(*row[:4]), row[4], row[5])


class NotCurrent:
    """The lines not current, as a sequence the Paginator slices: a slice reads only the
    chunks it needs from the cache and builds objects for its own lines."""

    def __init__(self, key: str, count: int, modules: dict[int, Module], scope: set[int] | None):
        self._key, self._count, self._modules, self._scope = key, count, modules, scope
        self._role_labels = {role.value: str(role.label) for role in Role}

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...
    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, int):
            if not -self._count <= index < self._count:
                raise IndexError(index)
            index %= self._count
            return self[index : index + 1][0]
        start, stop, step = index.indices(self._count)
        if start >= stop:
            return []
        rows = self._rows(start // CHUNK, (stop - 1) // CHUNK)
        first = start // CHUNK * CHUNK
        return [self._line(row) for row in rows[start - first : stop - first : step]]

    def __iter__(self) -> Iterator[Line]:
        return iter(self[:])

    def _rows(self, first: int, last: int) -> list[Row]:
        keys = [f"{self._key}:lines:{i}" for i in range(first, last + 1)]
        found = cache.get_many(keys)
        if len(found) < len(keys):  # evicted meanwhile: compute again, store again
            chunks = _store(self._key, compute(self._scope))[1]
            found = {key: chunks[i] if i < len(chunks) else [] for i, key in enumerate(keys, first)}
        return [row for key in keys for row in found[key]]

    def _line(self, row: Row) -> Line:
        org_id, name_fr, name_en, acronym, user_id, full_name, email, role = row[:8]
        module_pk, latest, held, status = row[8:]
        return Line(
            Person(user_id, full_name, email),
            _organisation(org_id, name_fr, name_en, acronym),
            self._role_labels[role],
            self._modules[module_pk],
            latest,
            held,
            status,
        )


@dataclass
class Summary:
    """What the report page shows. `lines` (every line) is computed again when read."""

    organisation_ids: set[int] | None
    organisations: TotalsList
    not_current: NotCurrent

    @property
    def lines(self) -> list[Line]:
        return compute(self.organisation_ids).lines


def summary(organisation_ids: set[int] | None = None) -> Summary:
    """The report of these organisations (None: all), from the cache when it is there."""
    key = _key(organisation_ids)
    meta = cache.get(f"{key}:meta")
    if meta is None:
        meta = _store(key, compute(organisation_ids))[0]
    totals, count, modules = meta
    return Summary(
        organisation_ids,
        TotalsList(totals),
        NotCurrent(key, count, modules, organisation_ids),
    )


def _store(key: str, report: Coverage) -> tuple[tuple[Any, ...], list[list[Row]]]:
    """Cache the report under `key`: the totals and the count, then the lines in chunks."""
    totals: list[TotalsRow] = [
        (c.organisation.pk, c.organisation.name_fr, c.organisation.name_en,
         c.organisation.acronym, c.people_count, c.not_current_count)
        for c in report.organisations
    ]  # fmt: skip
    modules: dict[int, Module] = {}
    codes = {str(role.label): role.value for role in Role}
    rows: list[Row] = []
    for line in report.not_current:
        modules[line.module.pk] = line.module
        o, p = line.organisation, line.person
        rows.append(
            (o.pk, o.name_fr, o.name_en, o.acronym, p.pk, p.full_name, p.email,
             codes[line.role_label], line.module.pk, line.latest_number,
             line.completed_number, str(CoverageStatus(line.status).value))
        )  # fmt: skip
    chunks = [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)]
    meta = (totals, len(rows), modules)
    cache.set_many({f"{key}:lines:{i}": chunk for i, chunk in enumerate(chunks)}, TIMEOUT)
    cache.set(f"{key}:meta", meta, TIMEOUT)  # last: whoever reads it finds the chunks
    return meta, chunks


def _organisation(pk: int, name_fr: str, name_en: str, acronym: str) -> Organisation:
    # As a query with only() would: the other fields deferred, no default computed.
    return Organisation.from_db("default", ORGANISATION_FIELDS, (pk, name_fr, name_en, acronym))


ORGANISATION_FIELDS = ["id", "name_fr", "name_en", "acronym"]


def _key(organisation_ids: set[int] | None) -> str:
    scope = "all" if organisation_ids is None else ",".join(map(str, sorted(organisation_ids)))
    digest = hashlib.sha256(scope.encode()).hexdigest()[:32]
    return f"training:coverage:{GENERATION.current()}:{digest}"


def invalidate() -> None:
    """Throw every cached report away, once the current transaction (if any) commits."""
    GENERATION.invalidate()


def _audited(sender: type[Model], instance: AuditEntry, created: bool = False, **kw: Any) -> None:
    # Training actions may change completions in bulk (attendance): they are all audited.
    if created and instance.action.startswith("training."):
        invalidate()


def connect() -> None:
    """Called once by the training app's ready()."""
    uid = "training.coverage_cache"
    GENERATION.watch(uid, WATCHED, user=User, user_fields=USER_FIELDS)
    post_save.connect(_audited, sender=AuditEntry, dispatch_uid=f"{uid}.audit")
