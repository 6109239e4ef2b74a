"""Parts of pages kept in the shared cache under the versions of what they are built from.

A version is a random value under a key of the shared cache (`cohorts:version:12`, `selection:round-version:3`),
replaced by every write of what it stands for, once the write is committed (`bump_on_commit`). A kept value's key
holds the versions it was built from, read before the rows (`versions`), so a change of any source gives a new
key: a reader never gets a value older than the last change. Each app says what its versions stand for
(cohorts.changes, selection.changes, cms's outline, competencies' référentiel, accounts' roles).

During a request, the versions read are kept for the rest of it (and those it writes, `bump`): a page that asks for
the same version twice reads the cache once. The versions an app names with `read_together` (the outline and the
référentiel, which every lesson page reads) come with the first version a request reads, in the same cache read.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

# Part of each key: changed when the markup of the kept fragments changes, so that a new release never serves what
# an older one left in the shared cache.
FRAGMENT_FORMAT = 1


# The versions this request has read or written (None outside a request: a task, a command, a test's own code).
_request_versions: ContextVar[dict[str, str] | None] = ContextVar("core_fragments_request_versions", default=None)
_READ_TOGETHER: list[str] = []


def read_together(*keys: str) -> None:
    """Versions that come with the first version a request reads, in the same cache read (called by the apps that
    own them, when they are loaded)."""
    _READ_TOGETHER.extend(key for key in keys if key not in _READ_TOGETHER)


def request_started(**kwargs) -> None:
    _request_versions.set({})


def request_finished(**kwargs) -> None:
    _request_versions.set(None)


def versions(keys: Iterable[str]) -> list[str]:
    """The current versions under `keys`, in the order given, in one cache read (a new version for a key that holds
    none, e.g. after the cache was emptied); during a request, none read twice."""
    keys = list(keys)
    kept = _request_versions.get()
    if kept is None:
        return _read(keys)
    missing = [key for key in keys if key not in kept]
    if missing:
        wanted = missing + [key for key in _READ_TOGETHER if key not in kept and key not in missing]
        kept.update(zip(wanted, _read(wanted), strict=True))
    return [kept[key] for key in keys]


def _read(keys: list[str]) -> list[str]:
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
    new = {key: uuid.uuid4().hex for key in keys}
    cache.set_many(new, timeout=None)
    kept = _request_versions.get()
    if kept is not None:
        kept.update(new)


def bump_now_and_on_commit(key: str) -> None:
    """A new version under `key` at once, and again once the current transaction commits: a request that read the
    rows before the commit cannot keep what it built from them under the new version."""
    bump([key])
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump([key]))


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
