"""One dispatcher at a time: a Redis lock when Redis is there, a lease row in the database otherwise.

Claiming with ``skip_locked`` already prevents two dispatchers from taking the same row; the lock
keeps a second beat (started by mistake) from doing the same work twice and competing for rows.
"""

import contextlib
import datetime
import os
import socket
import uuid

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tasks.models import TickLock

LOCK_NAME = "reminders-dispatch"


def _prefix() -> str:
    return getattr(settings, "REMINDERS_KEY_PREFIX", "pairaidance")


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def single_dispatcher(name: str = LOCK_NAME, *, ttl: int | None = None):
    """Yield True when this process holds the lock (then releases it), False when another one does."""
    ttl = ttl or getattr(settings, "REMINDERS_LOCK_TTL", 240)
    if getattr(settings, "REDIS_URL", ""):
        with _redis_lock(name, ttl) as acquired:
            yield acquired
    else:
        with _database_lock(name, ttl) as acquired:
            yield acquired


@contextlib.contextmanager
def _redis_lock(name: str, ttl: int):

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=5)
    lock = client.lock(f"{_prefix()}:lock:{name}", timeout=ttl, blocking=False)
    acquired = lock.acquire(blocking=False)
    try:
        yield acquired
    finally:
        if acquired:
            with contextlib.suppress(redis.exceptions.LockError):
                lock.release()
        client.close()


@contextlib.contextmanager
def _database_lock(name: str, ttl: int):
    holder = _holder()
    now = timezone.now()
    until = now + datetime.timedelta(seconds=ttl)
    with contextlib.suppress(IntegrityError), transaction.atomic():
        TickLock.objects.get_or_create(name=name, defaults={"locked_until": now - datetime.timedelta(seconds=1)})
    # A conditional UPDATE is atomic on every database: only one process turns an expired lease into its own.
    acquired = bool(
        TickLock.objects.filter(Q(locked_until__lt=now), name=name).update(locked_until=until, holder=holder)
    )
    try:
        yield acquired
    finally:
        if acquired:
            released = timezone.now() - datetime.timedelta(seconds=1)
            TickLock.objects.filter(name=name, holder=holder).update(locked_until=released)
