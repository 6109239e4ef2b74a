from celery.schedules import crontab

BEAT_SCHEDULE = {
    "internships-advance-placements-by-date": {
        "task": "internships.advance_placements_by_date",
        "schedule": crontab(hour=6, minute=15),
    },
}
