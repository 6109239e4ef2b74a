"""Celery tasks of the graduates' follow-up: the answers' retention. The survey e-mails are the reminder
engine's (alumni.reminders)."""

import logging

from celery import shared_task

from alumni.services import answers_delete_expired

logger = logging.getLogger(__name__)


@shared_task(name="alumni.delete_expired_answers")
def delete_expired_answers() -> dict:
    """Delete the survey answers and invitations older than ALUMNI_ANSWERS_RETENTION_MONTHS. Safe to run twice."""
    deleted = answers_delete_expired()
    if any(deleted.values()):
        logger.info("Deleted expired graduates' survey data: %s", deleted)
    return deleted
