"""Querysets compiled to SQL once per process, then run again with other ids.

A page that every learner opens asks the same few queries on each view, with only the person's id changing. The
ORM builds and compiles each one every time: for a query with joins (`select_related`), that costs several times
what the database spends answering it. `PreparedQuery` builds the queryset once, with stand-in ids, keeps the
compiler that Django made for it (its SQL, its columns, how to build the related objects), and on each call runs
that SQL with the real ids and lets Django's own iterable build the objects from the rows, exactly as the queryset
would.

Only ids (integers) can vary: a value computed when the queryset is built (today's date, say) would be kept for
the life of the process, so a query whose parameters hold a date or a time is refused. Filter on dates in Python,
or keep the ORM for that query.

On PostgreSQL the SQL is also prepared by the server, once per connection (psycopg's prepared statements, with the
ids bound by the server): PostgreSQL then stops planning it on each call, which for a query with joins and
subqueries costs it more than answering. Django leaves prepared statements off for every other query (some
connection poolers in front of PostgreSQL do not keep them); `settings.PREPARED_QUERIES_SERVER_SIDE = False` turns
them off here too (a pooler in transaction mode that does not keep protocol-level prepared statements: PgBouncer
before 1.21, or 1.21 and later without `max_prepared_statements`).
"""

import copy
import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

# Stand-in ids: negative, so that no row has them, and far from any constant a query would hold.
_STAND_IN = -7_301_000_000


class PreparedQuery:
    """`PreparedQuery(build, "learner")(learner=42)`: the rows of `build(learner=42)`, as a list.

    `build` takes each named id and returns a queryset; it is called once per database (alias and backend)."""

    def __init__(self, build: Callable[..., QuerySet], *names: str):
        self.build = build
        self.names = names
        self._compiled: dict[tuple[str, str], tuple] = {}

    def __call__(self, *, using: str = DEFAULT_DB_ALIAS, **ids: int) -> list:
        if set(ids) != set(self.names):
            raise TypeError(f"PreparedQuery expects the ids {sorted(self.names)}, got {sorted(ids)}")
        connection = connections[using]
        key = (using, connection.vendor)
        compiled = self._compiled.get(key) or self._compile(using, key)
        queryset, compiler, sql, params, slots = compiled
        params = list(params)
        for name, positions in slots.items():
            value = int(ids[name])
            for position in positions:
                params[position] = value
        # The kept compiler knows the columns and the related objects; this request's copy runs the SQL on this
        # thread's connection.
        compiler = copy.copy(compiler)
        compiler.connection = _preparing(connection)
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        query = copy.copy(queryset.query)
        query.get_compiler = lambda *args, **kwargs: compiler
        queryset = queryset._chain()
        queryset.query = query
        return list(queryset)

    def _compile(self, using: str, key: tuple[str, str]) -> tuple:
        stand_ins = {name: _STAND_IN - index for index, name in enumerate(self.names)}
        queryset = self.build(**stand_ins).using(using)
        compiler = queryset.query.get_compiler(using=using)
        with _refusing_dates(compiler.connection):
            sql, params = compiler.as_sql()
        slots: dict[str, list[int]] = {name: [] for name in self.names}
        for position, param in enumerate(params):
            for name, stand_in in stand_ins.items():
                if type(param) is int and param == stand_in:
                    slots[name].append(position)
        missing = [name for name, positions in slots.items() if not positions]
        if missing:
            raise ImproperlyConfigured(f"The prepared query does not use the ids {missing}: {sql}")
        self._compiled[key] = compiled = (queryset, compiler, sql, tuple(params), slots)
        return compiled


def _preparing(connection):
    """The connection the kept compiler runs on: on PostgreSQL (psycopg 3), one whose cursors bind the ids on the
    server and prepare the statement there (see the module's docstring)."""
    if connection.vendor != "postgresql" or not getattr(settings, "PREPARED_QUERIES_SERVER_SIDE", True):
        return connection
    from django.db.backends.postgresql.base import is_psycopg3  # lazy: PostgreSQL's backend, only when in use

    return _PreparingConnection(connection) if is_psycopg3 else connection


class _PreparingConnection:
    """Django's connection, but for `cursor()`: a cursor of Django's (logged, counted, with the execute wrappers)
    around a psycopg cursor that binds on the server and prepares what it runs."""

    def __init__(self, connection):
        self._connection = connection

    def __getattr__(self, name):
        return getattr(self._connection, name)

    def cursor(self):
        connection = self._connection
        connection.ensure_connection()
        raw = connection.connection
        factory = raw.cursor_factory
        raw.cursor_factory = _preparing_cursor_class()
        try:
            return connection.cursor()
        finally:
            raw.cursor_factory = factory


@functools.cache
def _preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor  # lazy: only on PostgreSQL

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            # Django turns prepared statements off on the connection (no threshold); a threshold never reached lets
            # this cursor prepare what it asks to, while Django's own cursors (client-side binding) still never
            # prepare anything.
            if self.connection.prepare_threshold is None:
                self.connection.prepare_threshold = sys.maxsize
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


@contextmanager
def _refusing_dates(connection) -> Iterator[None]:
    """While the query compiles, a date or a time given to the database is refused (each backend adapts them
    through these methods, whatever it makes of them)."""
    ops = connection.ops
    names = ("adapt_datefield_value", "adapt_datetimefield_value", "adapt_timefield_value")
    kept = {name: getattr(ops, name) for name in names}

    def refusing(name):
        def adapt(value, *args, **kwargs):
            if value is None:
                return kept[name](value, *args, **kwargs)
            raise ImproperlyConfigured(
                f"A prepared query cannot hold a date or a time ({value!r}): it would be kept for the life of the "
                "process. Filter on it in Python, or keep the ORM for this query."
            )

        return adapt

    for name in names:
        setattr(ops, name, refusing(name))
    try:
        yield
    finally:
        for name in names:
            delattr(ops, name)
