"""The tasks app's beat entries, the reminder engine's and the purge of prepared files (merged by tasks.celery into the
one beat schedule)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "reminders-dispatch": {
        "task": "tasks.dispatch_reminders",
        "schedule": 60.0,
        # A tick that waited more than a minute in the queue is superseded by the next one.
        "options": {"expires": 55},
    },
    "reminders-plan": {
        "task": "tasks.plan_reminders",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 540},
    },
    "prepared-files-purge": {
        "task": "tasks.purge_prepared_files",
        "schedule": crontab(minute=25),
        "options": {"expires": 3000},
    },
}
