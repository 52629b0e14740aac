"""The directory as HSDS, cached for the read-only HSDS API: build_tables() reads the whole
directory (hundreds of milliseconds for a province), so the API keeps what it built in the
cache, compact — the list tables in chunks of rows, the nested organizations in groups —
and a request reads only the entries of the page or the object it answers.

Invalidation: every save or delete of what build_tables() reads (organisations, profiles
and their territories served, services with their hours and languages, locations and their
confidentiality, phones, e-mails, territories, stages, cells of the matrix, adopted
versions) changes the cache generation once its transaction commits; what was built before
is never read again. No code changes those models with QuerySet.update() (which sends no
signal); a write that does must call invalidate() itself. The timeout bounds the memory.

Only committed data is ever stored: a read inside a transaction that has changed the
directory (its invalidation still pending) builds afresh and stores nothing, so a rollback
cannot leave, say, an address in the cache that was made confidential again. The rows are
the same for every reader and every language (confidential locations are never in them),
so the cache is keyed by neither.
"""

import uuid
import zlib
from collections.abc import Iterator, Sequence
from typing import Any, overload

from django.core.cache import cache
from django.db.models import Model

from filet.directory import hsds
from filet.directory.models import ContactEmail, Location, Phone, Profile, Service, Territory
from filet.lib.generations import Generation
from filet.matrix.models import Cell, MatrixVersion, Stage
from filet.organisations.models import Organisation

Row = dict[str, Any]
Entries = dict[str, Any]

GENERATION = Generation("directory:hsds:generation")
# Changed whenever the shape of the cached entries changes, so a deployment never reads
# what an older version of this module stored.
FORMAT = 1
TIMEOUT = 60 * 60
# Entries per build (a province: 22) against what a request reads (a page of at most 100
# rows reads one or two chunks of 25–45 kB; an organization, one group of about 120 kB).
CHUNK = 200  # rows per entry of a list
GROUP = 50  # nested organizations per entry, on average
LISTS = ("organization", "service")
WATCHED: tuple[type[Model], ...] = (
    Organisation,
    Profile,
    Service,
    Location,
    Phone,
    ContactEmail,
    Territory,
    Stage,
    Cell,
    MatrixVersion,
)


class Rows(Sequence[Row]):
    """One list table (organizations or services) as a sequence a page slices: a slice
    reads only the chunks it needs."""

    def __init__(self, directory: "Directory", table: str) -> None:
        self._directory, self._table = directory, table
        self._count = directory.counts[table]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, int):
            if not -self._count <= index < self._count:
                raise IndexError(index)
            index %= self._count
            return self[index : index + 1][0]
        start, stop, step = index.indices(self._count)
        if start >= stop:
            return []
        names = [f"{self._table}:{i}" for i in range(start // CHUNK, (stop - 1) // CHUNK + 1)]
        found = self._directory.read(names)
        rows = [row for name in names for row in found[name]]
        first = start // CHUNK * CHUNK
        return rows[start - first : stop - first : step]

    def __iter__(self) -> Iterator[Row]:
        return iter(self[:])


class Directory:
    """The HSDS directory of one build, read from the cache (or from memory when it could
    not be stored)."""

    def __init__(self, generation: str, meta: Row, memory: Entries | None = None) -> None:
        self._generation, self._meta, self._memory = generation, meta, memory
        self.counts: dict[str, int] = meta["counts"]
        self.organizations = Rows(self, "organization")
        self.services = Rows(self, "service")

    def read(self, names: list[str]) -> Entries:
        """The named entries of this build; all of them built again if any was evicted."""
        if self._memory is None:
            build = self._meta["build"]
            found = cache.get_many([_key(build, name) for name in names])
            if len(found) == len(names):
                return {name: found[_key(build, name)] for name in names}
            self._meta, self._memory = _store(self._generation, hsds.build_tables())
        # A build made meanwhile may be smaller than the one this request started from.
        return {name: self._memory.get(name, _empty(name)) for name in names}

    def organization(self, organization_id: str) -> Row | None:
        """One organization, nested (HSDS organization), or None."""
        name = self._group(organization_id)
        return self.read([name])[name].get(organization_id)

    def services_of(self, organization_id: str) -> list[Row]:
        """The services of one organization, one-to-one fields only, in list order."""
        organization = self.organization(organization_id)
        return [flat(service) for service in organization["services"]] if organization else []

    def service(self, service_id: str) -> tuple[Row, Row] | None:
        """One service nested, and its organization's one-to-one fields; or None."""
        organization_id = self.read(["services"])["services"].get(service_id)
        organization = self.organization(organization_id) if organization_id else None
        if organization is None:
            return None
        service = next((s for s in organization["services"] if s["id"] == service_id), None)
        return None if service is None else (service, flat(organization))

    def _group(self, organization_id: str) -> str:
        return f"nested:{_group_of(organization_id, self._meta['groups'])}"


def current() -> Directory:
    """The directory as the API shows it, from the cache when it is there."""
    if GENERATION.pending():
        meta, entries = _compact(hsds.build_tables())
        return Directory("", meta, entries)
    generation = GENERATION.current()
    meta = cache.get(f"{_prefix(generation)}:meta")
    if meta is None:
        meta, entries = _store(generation, hsds.build_tables())
        return Directory(generation, meta, entries)
    return Directory(generation, meta)


def flat(row: Row) -> Row:
    """An object's one-to-one fields: what the HSDS lists give (no nested lists)."""
    return {key: value for key, value in row.items() if not isinstance(value, list)}


def _compact(tables: hsds.Tables) -> tuple[Row, Entries]:
    """The entries a request reads: list rows in chunks, nested organizations in groups,
    and which organization each service belongs to."""
    entries: Entries = {}
    for table in LISTS:
        rows = tables[table]
        for start in range(0, len(rows), CHUNK):
            entries[f"{table}:{start // CHUNK}"] = rows[start : start + CHUNK]
    nested = hsds.to_json(tables)
    groups = max(1, -(-len(nested) // GROUP))
    entries |= {f"nested:{group}": {} for group in range(groups)}
    entries["services"] = {}
    for organization in nested:
        entries[f"nested:{_group_of(organization['id'], groups)}"][organization["id"]] = (
            organization
        )
        for service in organization["services"]:
            entries["services"][service["id"]] = organization["id"]
    counts = {table: len(tables[table]) for table in LISTS}
    return {"counts": counts, "groups": groups}, entries


def _empty(name: str) -> list[Row] | dict[str, Any]:
    return [] if name.split(":")[0] in LISTS else {}


def _group_of(organization_id: str, groups: int) -> int:
    return zlib.crc32(organization_id.encode()) % groups


def _store(generation: str, tables: hsds.Tables) -> tuple[Row, Entries]:
    """Cache a build under `generation`: its entries under a key of their own, then the
    meta that names them, so that a reader never mixes two builds."""
    meta, entries = _compact(tables)
    meta["build"] = uuid.uuid4().hex
    cache.set_many({_key(meta["build"], name): value for name, value in entries.items()}, TIMEOUT)
    cache.set(f"{_prefix(generation)}:meta", meta, TIMEOUT)
    return meta, entries


def _prefix(generation: str) -> str:
    return f"directory:hsds:{FORMAT}:{generation}"


def _key(build: str, name: str) -> str:
    return f"directory:hsds:build:{build}:{name}"


def invalidate() -> None:
    """Throw every cached build away, once the current transaction (if any) commits."""
    GENERATION.invalidate()


def connect() -> None:
    """Called once by the directory app's ready()."""
    GENERATION.watch("directory.hsds_cache", WATCHED, through=[Profile.territories.through])
