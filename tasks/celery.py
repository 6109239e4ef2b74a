"""The Celery application, configured from Django settings (CELERY_* names).

Periodic tasks: each installed app may define `BEAT_SCHEDULE = {...}` (Celery beat entries) in its
`schedule.py`; they are found as Django's admin finds `admin.py`, and merged so that one beat runs them all.
"""

import importlib
import os

from celery import Celery
from django.apps import apps
from django.utils.module_loading import module_has_submodule

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("pairaidance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def collect_beat_schedule() -> dict:

    schedule: dict = {}
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "schedule"):
            continue
        module = importlib.import_module(f"{app_config.name}.schedule")
        overlap = set(schedule) & set(module.BEAT_SCHEDULE)
        if overlap:
            raise RuntimeError(f"Beat entries defined twice: {sorted(overlap)}")
        schedule.update(module.BEAT_SCHEDULE)
    return schedule


@app.on_after_finalize.connect
def _install_beat_schedule(sender, **kwargs):
    sender.conf.beat_schedule = {**(sender.conf.beat_schedule or {}), **collect_beat_schedule()}


def enqueue_on_commit(name: str, *args) -> None:
    """Queue the Celery task registered under `name` once the current transaction commits.

    Services queue their app's tasks by name: the tasks module imports the services it runs, so the services
    cannot import it back without an import circle. The task object is the registered one, so eager mode
    (tests) and retries behave exactly as with `task.delay_on_commit(...)`.
    """
    if name not in app.tasks:
        # Outside a worker, Celery imports the apps' tasks modules only when asked to.
        app.loader.import_default_modules()
    app.tasks[name].delay_on_commit(*args)
