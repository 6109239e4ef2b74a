"""Test helpers shared by every app."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def count_queries():
    """`with count_queries() as ctx: ...` then `len(ctx)` is the number of SQL queries run inside."""
    with CaptureQueriesContext(connection) as context:
        yield context


def queries_for(func, *args, **kwargs) -> int:
    """Run `func` and return how many SQL queries it made."""
    with count_queries() as context:
        func(*args, **kwargs)
    return len(context)


def assert_constant_queries(make_rows, fetch, *, queries: int, few: int = 1, many: int = 12) -> None:
    """A list or dashboard runs exactly `queries` SQL queries at `few` rows and again at `many` rows.

    `make_rows(n)` adds n rows; `fetch()` renders the page (and should assert it succeeded). The count is a
    literal in each test (pretalx's `django_assert_num_queries(n)` style): a constant but high count fails too.
    """
    make_rows(few)
    fetch()  # warm caches (content types, site root) so both measures compare like with like
    at_few = queries_for(fetch)
    make_rows(many - few)
    at_many = queries_for(fetch)
    assert (at_few, at_many) == (queries, queries), (
        f"{at_few} queries with {few} row(s) and {at_many} with {many}, expected {queries} both times"
    )
