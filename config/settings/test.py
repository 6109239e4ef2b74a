"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set; mail kept in memory."""

import os
import uuid

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = ":memory:" if not env("TEST_SQLITE_PATH", default="") else env("TEST_SQLITE_PATH")
    DATABASES["default"]["OPTIONS"] = {"timeout": 30}
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE_PATH", default="") or None}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Tasks run in-process unless a test starts a real worker on purpose.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# At once, except the search and reference index updates of each saved object (tests/index_jobs.py): the tests
# that read an index are marked `search_index` and get every job.
TASKS = {"default": {"BACKEND": "tests.index_jobs.WithoutIndexJobs"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Sessions in the database whatever REDIS_URL says, so that a page's query count is the same on every machine
# (with Redis, base settings read sessions from the cache first). The two-node check sets its own.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A code typed at the very end of its 30-second window is still accepted in tests (no flaky log-ins).
MFA_TOTP_TOLERANCE = 1
# Redis lock keys of this test process alone: parallel workers (pytest-xdist) and other runs share the Redis
# server, and a dispatcher lock taken by one must not make another's tick skip. (`redis_url` gives a test that
# starts real workers a prefix of its own.)
REMINDERS_KEY_PREFIX = f"pa-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:10]}"
# WhiteNoise reads the whole static folder when a request handler starts, and each test client starts one: once
# `make run` has collected the static files there, that cost ~20 ms a test. Here it looks a file up when asked.
WHITENOISE_AUTOREFRESH = True
