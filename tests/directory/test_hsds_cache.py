"""The HSDS API reads the directory from the cache (issue 8, performance at provincial
scale): what it reads must be what build_tables() gives, slice by slice and object by
object; a second read builds nothing; nothing uncommitted is ever stored; and every model
build_tables() reads invalidates it. These tests commit (transactional database): the
cache only stores what is committed."""

import datetime
import re

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from filet.directory import hsds, hsds_cache
from filet.directory.models import Location, Profile
from filet.matrix.actions import adopt_matrix
from filet.matrix.models import Cell, MatrixVersion
from filet.organisations.models import Organisation
from tests.directory.test_hsds import _load_demo_directory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def directory(personas) -> None:
    _load_demo_directory()


@pytest.fixture
def small_entries(monkeypatch) -> None:
    # Pages and groups straddle several entries.
    monkeypatch.setattr(hsds_cache, "CHUNK", 2)
    monkeypatch.setattr(hsds_cache, "GROUP", 3)


def _refuse_to_build(monkeypatch) -> None:
    def fail():
        raise AssertionError("built again")

    monkeypatch.setattr(hsds, "build_tables", fail)


def _same(directory: hsds_cache.Directory, tables: hsds.Tables) -> None:
    for name, rows in (("organization", directory.organizations), ("service", directory.services)):
        expected = tables[name]
        assert len(rows) == len(expected) > 4
        for start, stop in ((0, 2), (1, 4), (3, 4), (1, len(expected)), (len(expected) - 1, 99)):
            assert rows[start:stop] == expected[start:stop]
        assert rows[-1] == expected[-1]
        with pytest.raises(IndexError):
            rows[len(expected)]
    for organization in hsds.to_json(tables):
        assert directory.organization(organization["id"]) == organization
        services = [s for s in tables["service"] if s["organization_id"] == organization["id"]]
        assert directory.services_of(organization["id"]) == services
        for service in organization["services"]:
            assert directory.service(service["id"]) == (service, hsds_cache.flat(organization))
    assert directory.organization("unknown") is None
    assert directory.services_of("unknown") == []
    assert directory.service("unknown") is None


def test_the_cached_directory_is_the_built_one(directory, small_entries, monkeypatch):
    tables = hsds.build_tables()
    _same(hsds_cache.current(), tables)  # builds and stores
    _refuse_to_build(monkeypatch)
    _same(hsds_cache.current(), tables)  # reads the cache only


def test_a_second_read_makes_no_query(directory):
    expected = hsds.build_tables()["service"][:50]
    assert hsds_cache.current().services[:50] == expected
    with CaptureQueriesContext(connection) as queries:
        assert hsds_cache.current().services[:50] == expected
    assert queries.captured_queries == []  # the tests' cache is in memory


def test_evicted_entries_are_built_again(directory, small_entries):
    tables = hsds.build_tables()
    first = hsds_cache.current()
    hsds_cache.cache.delete(hsds_cache._key(first._meta["build"], "service:1"))
    _same(hsds_cache.current(), tables)


def test_the_generation_changes_only_once_the_transaction_commits(directory):
    before = hsds_cache.GENERATION.current()
    with transaction.atomic():
        organisation = Organisation.objects.get(acronym="DPJ-C")
        organisation.name_fr = "Direction de la protection de la jeunesse (renommée)"
        organisation.save()
        # Until the commit, other readers keep the directory they can see.
        assert hsds_cache.GENERATION.current() == before
    assert hsds_cache.GENERATION.current() != before


def _shelter() -> Location:
    return Location.objects.get(is_confidential=True)


def _addresses(directory: hsds_cache.Directory) -> set[str]:
    return {
        address["address_1"]
        for start in range(0, len(directory.organizations), 100)
        for row in directory.organizations[start : start + 100]
        for location in directory.organization(row["id"])["locations"]  # type: ignore[index]
        for address in location["addresses"]
    }


class Rollback(Exception):
    pass


@pytest.mark.parametrize("cached_before", [True, False])
def test_a_change_rolled_back_is_never_cached(directory, cached_before):
    shelter = _shelter()
    if cached_before:
        assert shelter.address_1 not in _addresses(hsds_cache.current())
    with pytest.raises(Rollback), transaction.atomic():
        shelter.is_confidential = False
        shelter.save()
        # Inside its own transaction, the change is seen, built afresh, stored nowhere.
        assert shelter.address_1 in _addresses(hsds_cache.current())
        raise Rollback
    assert shelter.address_1 not in _addresses(hsds_cache.current())


def test_the_rows_are_the_same_in_every_language(directory):
    # Hence one cache for every language.
    with translation.override("en"):
        english = hsds.build_tables()
    with translation.override("fr"):
        assert hsds.build_tables() == english


def _tables_read() -> set[str]:
    with CaptureQueriesContext(connection) as queries:
        hsds.build_tables()
    return {
        table
        for query in queries.captured_queries
        for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }


def test_every_model_the_tables_are_built_from_invalidates(directory, personas):
    tables_read = _tables_read()  # the matrix's working draft
    adopt_matrix(by=personas.coordinator, adopted_on=datetime.date(2026, 11, 1))
    tables_read |= _tables_read()  # its adopted version
    watched = {model._meta.db_table for model in hsds_cache.WATCHED}
    watched.add(Profile.territories.through._meta.db_table)
    by_table = {model._meta.db_table: model for model in apps.get_models(include_auto_created=True)}
    assert tables_read <= set(by_table)
    assert {Cell._meta.db_table, MatrixVersion._meta.db_table, "directory_location"} <= tables_read
    assert tables_read - watched == set()
