"""Writing many rows at once with PostgreSQL's COPY, streamed from an iterable.

``bulk_create`` builds a model instance and a parameter list per row: for a ledger of two
hundred thousand lines that is most of the job's time. ``copy_rows`` sends plain tuples through
``COPY … FROM STDIN`` (psycopg's C writer) in chunks as they come, so neither time nor memory
grows with model instances. Nothing runs per row: no ``save()``, no signals, no field validation — use it
for derived data the caller computed itself (imports no app).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from django.db import connection
from django.db.models import Model


def copy_rows(model: type[Model], fields: list[str], rows: Iterable[tuple], chunk=5000) -> int:
    """Insert ``rows`` (tuples of database values in the order of ``fields``) into ``model``'s
    table; returns how many were written.

    Rows are sent ``chunk`` at a time, one COPY each: no other statement may run on the
    connection while a COPY is open, and ``rows`` may be a generator that reads the database
    (a server-side cursor fetching between two COPYs is fine).
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    rows = iter(rows)
    written = 0
    while batch := list(islice(rows, chunk)):
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in batch:
                copy.write_row(row)
        written += len(batch)
    return written
