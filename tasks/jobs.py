"""Generic Celery tasks of the platform."""

from celery import shared_task
from django.utils.module_loading import import_string


@shared_task(name="tasks.run_django_task", acks_late=True, time_limit=300, soft_time_limit=240)
def run_django_task(module_path: str, args: list, kwargs: dict) -> None:
    """Run a django-tasks task (Wagtail's background work) inside a Celery worker."""
    task = import_string(module_path)
    task.call(*args, **kwargs)


@shared_task(name="tasks.ping")
def ping() -> str:
    """Cheap task used by health checks and smoke tests."""
    return "pong"
