# Celery's autodiscovery imports `<app>.tasks`; the platform's tasks live in `jobs` and the reminder engine.
from tasks.jobs import dispatch_reminders, ping, plan_reminders, run_django_task, send_messages, send_reminder  # noqa: F401
