"""Parts of pages kept in the shared cache under the versions of what they are built from.

A version is a random value under a key of the shared cache (`cohorts:version:12`, `selection:round-version:3`),
replaced by every write of what it stands for, once the write is committed (`bump_on_commit`). A kept value's key
holds the versions it was built from, read before the rows (`versions`), so a change of any source gives a new
key: a reader never gets a value older than the last change. Each app says what its versions stand for
(cohorts.changes, selection.changes).
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

# Part of each key: changed when the markup of the kept fragments changes, so that a new release never serves what
# an older one left in the shared cache.
FRAGMENT_FORMAT = 1


def versions(keys: Iterable[str]) -> list[str]:
    """The current versions under `keys`, in the order given, in one cache read (a new version for a key that holds
    none, e.g. after the cache was emptied)."""
    keys = list(keys)
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            version = uuid.uuid4().hex
            if not cache.add(key, version, timeout=None):
                version = cache.get(key) or version
            found[key] = version
    return [found[key] for key in keys]


def bump(keys: Iterable[str]) -> None:
    """New versions under `keys`, at once."""
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)


def bump_on_commit(keys_of: Callable[[], Iterable[str]]) -> None:
    """New versions under the keys that `keys_of()` gives, once the current transaction commits (at once outside a
    transaction): `keys_of` may read the database, after the write."""

    def run():
        keys = set(keys_of())
        if keys:
            bump(keys)

    transaction.on_commit(run)


def cached(name: str, *, versions: Iterable[str], build: Callable[[], Any], timeout: int) -> Any:
    """The value kept under `name` (what it is, and for whom) and the `versions` it was built from, for the day, the
    language and the time zone; else `build()`, kept `timeout` seconds at most."""
    key = (
        f"fragment:{FRAGMENT_FORMAT}:{name}:{':'.join(versions)}:{timezone.localdate().isoformat()}:"
        f"{get_language()}:{timezone.get_current_timezone_name()}"
    )
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value


def query_key(request) -> str:
    """A short name of the request's query string (page, filters, search), for a key."""
    return hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
