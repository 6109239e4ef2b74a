import uuid

import pytest
from django.db import transaction

from tasks import jobs
from tasks.celery import app

pytestmark = pytest.mark.django_db


def test_celery_reads_its_configuration_from_django_settings(settings):
    assert app.conf.timezone == "Europe/Paris"
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.task_acks_late is True
    assert "tasks.ping" in app.tasks


def test_delay_on_commit_runs_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        jobs.ping.delay_on_commit()
    assert len(callbacks) == 1


def test_wagtail_background_work_goes_through_celery(settings, django_capture_on_commit_callbacks, monkeypatch):
    """The django-tasks backend hands Wagtail's tasks to Celery's generic runner, after commit."""
    from django_tasks import task_backends

    from tasks.django_tasks_backend import CeleryTaskBackend

    calls = []
    monkeypatch.setattr(jobs.run_django_task, "delay", lambda *args: calls.append(args))
    backend = CeleryTaskBackend(alias="celery", params={})
    from wagtail.tasks import update_reference_index_task

    with django_capture_on_commit_callbacks(execute=True):
        result = backend.enqueue(update_reference_index_task, ["cms", "homepage", 1], {})
    assert result.backend == "celery"
    assert calls == [("wagtail.tasks.update_reference_index_task", ["cms", "homepage", 1], {})]
    assert task_backends is not None


def test_redis_broker_round_trip(redis_url):
    """With REDIS_URL, the configured broker really carries a message."""
    from kombu import Connection

    with Connection(redis_url) as connection:
        queue = connection.SimpleQueue(f"pairaidance-test-roundtrip-{uuid.uuid4().hex[:10]}")
        queue.put({"hello": "redis"})
        message = queue.get(timeout=5)
        assert message.payload == {"hello": "redis"}
        message.ack()
        queue.close()


def test_beat_schedule_collects_each_apps_entries(monkeypatch):
    import importlib.machinery
    import sys
    import types

    from tasks.celery import collect_beat_schedule

    fake = types.ModuleType("lms.schedule")
    fake.__spec__ = importlib.machinery.ModuleSpec("lms.schedule", None)
    fake.BEAT_SCHEDULE = {"lms-demo-entry": {"task": "tasks.ping", "schedule": 60.0}}
    monkeypatch.setitem(sys.modules, "lms.schedule", fake)
    assert collect_beat_schedule()["lms-demo-entry"]["task"] == "tasks.ping"
