# Celery's autodiscovery imports `<app>.tasks`; the platform's tasks live in `jobs` and the reminder engine.
from tasks.jobs import ping, run_django_task  # noqa: F401
