"""Values that never change under their key, read from this process's memory before the shared cache.

A key that names exactly what its value was built from (a page's revision, the version of an outline, bumped when
any page changes) holds the same value for ever: once a process has read it, it need not ask Redis again. The
shared cache still holds it for the other processes, and its version key (read on each request by the caller) is
what makes a change seen at once everywhere. Values other than text are kept pickled, so that each caller gets
its own objects, as from the shared cache.
"""

import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

MAX_ENTRIES = 2048

_entries: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()


def get(key: str) -> Any:
    """The value under `key`, from this process's memory, else from the shared cache (then kept here); None when
    neither holds it."""
    with _lock:
        held = _entries.get(key)
        if held is not None:
            _entries.move_to_end(key)
    if held is not None:
        return held if isinstance(held, str) else pickle.loads(held)
    value = cache.get(key)
    if value is not None:
        _keep(key, value)
    return value


def put(key: str, value: Any, *, timeout: int) -> None:
    cache.set(key, value, timeout=timeout)
    _keep(key, value)


def get_or_build(key: str, build: Callable[[], Any], *, timeout: int) -> Any:
    """The value under `key` (`get`), else `build()`, stored in both. Only for keys whose value can never change."""
    value = get(key)
    if value is None:
        value = build()
        put(key, value, timeout=timeout)
    return value


def _keep(key: str, value: Any) -> None:
    kept = value if isinstance(value, str) else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with _lock:
        _entries[key] = kept
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def forget_all() -> None:
    """Empty this process's memory (tests that clear the shared cache)."""
    with _lock:
        _entries.clear()
