"""Settings for `python -m bench.reminders` and the workers it starts (everything from the environment)."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/4")
CELERY_BROKER_URL = REDIS_URL
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("BENCH_QUEUE", "reminders-bench")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail's own background work runs in-process here: the benchmark measures the reminders only.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": int(os.environ.get("SMTP_SINK_PORT", "2525")), "timeout": 30},
    }
}
REMINDERS_KEY_PREFIX = os.environ.get("BENCH_KEY_PREFIX", "pa-bench")
REMINDERS_QUIET_HOURS = None  # measure throughput whatever the time of day
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
