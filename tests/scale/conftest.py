"""The reminder engine's fixtures (rules, a live Celery on Redis) are shared with the scale-out test."""

from tests.tasks.conftest import _reminder_settings, live_celery, rules  # noqa: F401
