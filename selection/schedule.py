"""Periodic work of the selection, merged into the one beat by tasks/celery.py."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "cohorts-expire-offers": {"task": "cohorts.expire_offers", "schedule": crontab(minute="*/15")},
    "cohorts-anonymise-closed-applications": {
        "task": "cohorts.anonymise_closed_applications",
        "schedule": crontab(hour=3, minute=40),
    },
}
