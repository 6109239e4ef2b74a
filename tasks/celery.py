"""The Celery application, configured from Django settings (CELERY_* names).

Periodic tasks: each project app may define `BEAT_SCHEDULE = {...}` (Celery beat entries) in its
`schedule.py`; they are merged here so that one beat runs them all.
"""

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

SCHEDULE_APPS = ("cms", "cohorts", "lms", "internships", "tasks")

app = Celery("pairaidance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def collect_beat_schedule() -> dict:
    schedule: dict = {}
    for name in SCHEDULE_APPS:
        try:
            module = importlib.import_module(f"{name}.schedule")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.schedule":
                raise
            continue
        overlap = set(schedule) & set(module.BEAT_SCHEDULE)
        if overlap:
            raise RuntimeError(f"Beat entries defined twice: {sorted(overlap)}")
        schedule.update(module.BEAT_SCHEDULE)
    return schedule


@app.on_after_finalize.connect
def _install_beat_schedule(sender, **kwargs):
    sender.conf.beat_schedule = {**(sender.conf.beat_schedule or {}), **collect_beat_schedule()}
