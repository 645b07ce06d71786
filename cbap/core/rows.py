"""Inserting many rows at once, for imports of a hundred thousand records.

`bulk_create` compiles every row through the ORM's SQL compiler (and, on PostgreSQL, packs
columns into arrays for UNNEST): measured, two thirds of an IATI import's writing time. Here
each value is prepared by its field as the ORM would (`pre_save`, `get_db_prep_save`:
timestamps, JSON) and the rows go to PostgreSQL's COPY, or to SQLite's `executemany`.

    rows.insert(Revision, revisions)   # inside transaction.atomic(); each gets its pk
    rows.insert_plain(Facet, ["listing_id", "name", "value"], tuples)
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models


def insert(model: type[models.Model], instances: list[models.Model]) -> None:
    """Insert `instances` of `model` (no parents, no many-to-many), setting each one's pk
    (reserved first, so that nothing has to be read back)."""
    if not instances:
        return
    connection = connections[DEFAULT_DB_ALIAS]  # once: the proxy costs a lookup per value
    for instance, pk in zip(instances, _reserve(connection, model, len(instances)), strict=True):
        instance.pk = pk
    fields = model._meta.concrete_fields
    _write(
        connection,
        model,
        [f.column for f in fields],
        [
            tuple(f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields)
            for instance in instances
        ],
    )
    for instance in instances:
        instance._state.adding = False
        instance._state.db = connection.alias


def insert_plain(model: type[models.Model], columns: list[str], values: list[Sequence]) -> None:
    """Insert rows of plain values (ready for the database) into `model`'s table; the columns
    left out take their defaults (the primary key its next value)."""
    if values:
        _write(connections[DEFAULT_DB_ALIAS], model, columns, values)


def _write(connection, model, columns: list[str], values: list[Sequence]) -> None:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", values)


def _reserve(connection, model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`'s table: from its sequence on PostgreSQL; on SQLite
    after the highest ever given (the write lock of the open IMMEDIATE transaction keeps them
    ours, AUTOINCREMENT records them as the insert happens)."""
    table, column = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if not connection.in_atomic_block:
            raise RuntimeError("Reserving keys on SQLite needs the write lock of a transaction.")
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0))",
            [table],
        )
        last = cursor.fetchone()[0]
        return list(range(last + 1, last + 1 + count))
