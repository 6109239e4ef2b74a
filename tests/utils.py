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


def assert_constant_queries(make_rows, fetch, *, few: int = 1, many: int = 12) -> int:
    """A list or dashboard keeps the same number of queries at `few` rows and at `many` rows.

    `make_rows(n)` adds n rows; `fetch()` renders the page (and should assert it succeeded).
    Returns the query count so the caller can also pin it exactly.
    """
    make_rows(few)
    fetch()  # warm caches (content types, site root) so both measures compare like with like
    at_few = queries_for(fetch)
    make_rows(many - few)
    at_many = queries_for(fetch)
    assert at_few == at_many, f"{at_few} queries with {few} row(s) but {at_many} with {many}"
    return at_many


def body(response) -> bytes:
    """The bytes of a response, streamed (CSV exports) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content
