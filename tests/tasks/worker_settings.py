"""Settings of the real Celery worker that the reliability tests start (a subprocess).

The test passes, through the environment: REDIS_URL, the queue and key prefix of the test, the port of
its SMTP sink, and the database (DATABASE_URL of the test database, or TEST_SQLITE_PATH).
"""

import os

from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
REDIS_URL = os.environ["REDIS_URL"]
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_DEFAULT_QUEUE = os.environ["REMINDERS_TEST_QUEUE"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ["SMTP_SINK_PORT"]), "timeout": 10},
    }
}
REMINDERS_KEY_PREFIX = os.environ["REMINDERS_KEY_PREFIX"]
REMINDERS_QUIET_HOURS = None
REMINDERS_MAX_RETRIES = int(os.environ.get("REMINDERS_MAX_RETRIES", "2"))
REMINDERS_RETRY_BACKOFF = 1
REMINDERS_RETRY_BACKOFF_MAX = 2
