"""Settings of the web processes and workers that the scale-out test starts (subprocesses).

The shared parts come from the environment exactly as in production (`config.settings.base`): the
database (DATABASE_URL of the test database, with Django's pool), Redis (REDIS_URL: broker, cache,
sessions, locks) and the media bucket (AWS_*). Only what a test needs on top is set here: the SMTP
sink's port, the test's queue and key prefix, a cheap password hasher, no quiet hours.
"""

import os

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-scale-out-secret-key-shared-by-every-node-of-the-test"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["SCALE_QUEUE"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Wagtail's own background work runs inline: the test follows the reminders only.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ.get("SMTP_SINK_PORT", "25")), "timeout": 10},
    }
}
REMINDERS_KEY_PREFIX = os.environ["REMINDERS_KEY_PREFIX"]
REMINDERS_QUIET_HOURS = None
REMINDERS_CLAIM_BATCH = 5  # several batches, so that both workers take some
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
