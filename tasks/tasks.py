# Celery's autodiscovery imports `<app>.tasks`; the platform's tasks live in `jobs` and the reminder engine.
from tasks.jobs import (  # noqa: F401
    build_prepared_file,
    dispatch_reminders,
    ping,
    plan_reminders,
    purge_prepared_files,
    run_django_task,
    send_messages,
    send_reminder,
)
