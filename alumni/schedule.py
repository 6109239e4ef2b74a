from celery.schedules import crontab

BEAT_SCHEDULE = {
    "alumni-delete-expired-answers": {
        "task": "alumni.delete_expired_answers",
        "schedule": crontab(hour=4, minute=40),
    },
}
