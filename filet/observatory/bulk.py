"""Writing generated observations by the million: the reviewed module for the raw SQL this
takes. Table, column, constraint and index names come from the models' own metadata or from
PostgreSQL's catalogue and are quoted, never from input; values travel as COPY data.

PostgreSQL: ids are reserved from the table's own sequence, rows go in with COPY, and while
the observatory's tables are still empty their foreign keys and secondary indexes are set
aside and rebuilt once at the end (PostgreSQL's "Populating a Database" advice): checking
a foreign key row by row costs more than the insert itself at ten million rows, validating
it once is a single join. Other databases (SQLite: tests and the demo): `bulk_create`.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from psycopg import sql

Row = Sequence[Any]
Statement = str | sql.Composable


def _execute(cursor: Any, statement: Statement, params: Sequence[Any] = ()) -> None:
    # Sequence, catalogue and DDL statements on the observatory's own tables only.
    # nosemgrep: raw-sql — reviewed: names quoted, from the models and the catalogue
    cursor.execute(statement, params or None)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys of `model`, taken from its sequence (PostgreSQL)."""
    with connection.cursor() as cursor:
        _execute(
            cursor,
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> None:
    """COPY `rows` (values in the order of `columns`) into `model`'s table (PostgreSQL)."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def create_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Row]) -> None:
    """The same rows through the ORM, in batches (any database)."""
    objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
    model._default_manager.bulk_create(objects, batch_size=1000)


@contextmanager
def constraints_set_aside(tables: Sequence[type[models.Model]]) -> Iterator[None]:
    """Drop the foreign keys and the indexes that back no constraint of `tables`, and
    recreate them, from their own definitions, when the block ends (inside the caller's
    transaction: on an error, the rollback restores them too). PostgreSQL only, and only
    for tables the caller has checked are empty."""
    names = [model._meta.db_table for model in tables]
    with connection.cursor() as cursor:
        # Rebuilding an index over nine million rows is one long statement, legitimately.
        _execute(cursor, "SET LOCAL statement_timeout = 0")
        _execute(
            cursor,
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [names],
        )
        foreign_keys = cursor.fetchall()
        _execute(
            cursor,
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [names],
        )
        indexes = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            _execute(
                cursor,
                sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                    sql.Identifier(table), sql.Identifier(name)
                ),
            )
        for name, _definition in indexes:
            _execute(cursor, sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            _execute(cursor, definition)
        for table, name, definition in foreign_keys:
            _execute(
                cursor,
                sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                    sql.Identifier(table), sql.Identifier(name), sql.SQL(definition)
                ),
            )
