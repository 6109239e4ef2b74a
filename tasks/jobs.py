"""Celery tasks of the platform: Wagtail's background work, and the reminder engine's three tasks."""

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.utils.module_loading import import_string

from tasks.locks import single_dispatcher
from tasks.mail import TRANSIENT_ERRORS
from tasks.prepared import prepared_file_build, prepared_files_purge
from tasks.services import deliver, deliver_batch, dispatch_tick, mark_failed, plan_all, send_messages_now


@shared_task(name="tasks.run_django_task", acks_late=True, time_limit=300, soft_time_limit=240)
def run_django_task(module_path: str, args: list, kwargs: dict) -> None:
    """Run a django-tasks task (Wagtail's background work) inside a Celery worker."""
    task = import_string(module_path)
    task.call(*args, **kwargs)


@shared_task(name="tasks.ping")
def ping() -> str:
    """Cheap task used by health checks and smoke tests."""
    return "pong"


class SendReminderTask(DjangoTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Reached when retries are exhausted (or on an unexpected error): the row shows the failure.

        if len(args) >= 2:
            mark_failed(args[0], args[1], exc)


@shared_task(
    bind=True,
    base=SendReminderTask,
    name="tasks.send_reminder_batch",
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=getattr(settings, "REMINDERS_MAX_RETRIES", 5),
    retry_backoff=getattr(settings, "REMINDERS_RETRY_BACKOFF", 30),
    retry_backoff_max=getattr(settings, "REMINDERS_RETRY_BACKOFF_MAX", 600),
    retry_jitter=True,
    time_limit=600,
    soft_time_limit=540,
)
def send_reminder_batch(self, outbox_ids: list[int], claim_token: str) -> dict:
    """Send the rows of one claim through one SMTP connection. Safe to run twice: the claim token lets
    only one run take each row, and a retry takes only the rows not sent yet."""

    return deliver_batch(outbox_ids, claim_token)


@shared_task(
    bind=True,
    base=SendReminderTask,
    name="tasks.send_reminder",
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=getattr(settings, "REMINDERS_MAX_RETRIES", 5),
    retry_backoff=getattr(settings, "REMINDERS_RETRY_BACKOFF", 30),
    retry_backoff_max=getattr(settings, "REMINDERS_RETRY_BACKOFF_MAX", 600),
    retry_jitter=True,
    time_limit=120,
    soft_time_limit=90,
)
def send_reminder(self, outbox_id: int, claim_token: str) -> str:
    """Send one claimed outbox row (kept for messages queued before batches). Safe to run twice."""

    return deliver(outbox_id, claim_token)


@shared_task(name="tasks.dispatch_reminders", acks_late=False, time_limit=300, soft_time_limit=270)
def dispatch_reminders() -> dict:
    """Beat, every minute: requeue stuck rows, claim due rows, queue one send task per claimed batch."""

    return dispatch_tick()


@shared_task(name="tasks.send_messages", acks_late=False, time_limit=300, soft_time_limit=270)
def send_messages(outbox_ids: list[int]) -> dict:
    """On commit of the transaction that queued them: claim these message rows and queue their sends.
    Not under the dispatcher's lock (a running tick must not delay a transactional message)."""

    return send_messages_now(outbox_ids)


@shared_task(name="tasks.plan_reminders", acks_late=False, time_limit=1800, soft_time_limit=1700)
def plan_reminders() -> dict:
    """Beat, every ten minutes: turn the state of the domain into due outbox rows."""

    with single_dispatcher("reminders-plan", ttl=1800) as acquired:
        if not acquired:
            return {"skipped": 1}
        return plan_all()


@shared_task(name="tasks.build_prepared_file", acks_late=True, time_limit=1800, soft_time_limit=1740)
def build_prepared_file(file_id: str) -> str:
    """Build a file asked for by a person (a long export, a large PDF). Safe to run twice."""

    return prepared_file_build(file_id)


@shared_task(name="tasks.purge_prepared_files", acks_late=False, time_limit=600, soft_time_limit=540)
def purge_prepared_files() -> int:
    """Beat, every hour: delete the prepared files past their retention."""

    return prepared_files_purge()
