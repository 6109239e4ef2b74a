"""The test settings' task backend: Wagtail's jobs run at once, except the index updates of each saved object.

Every page, document or snippet saved queues two jobs (its search index entry and its reference index entry). Run at
once, they were about a quarter of the CPU of the tests that build pages, for the few tests that read an index.
Those say so with `@pytest.mark.search_index` (tests/conftest.py `_index_jobs`), which runs every job again.
The index jobs of every kind of object still run in the suite: `seed_demo` runs every job of what it makes
(demo/management/commands/seed_demo.py), and the demo is seeded by the tests (tests/config/test_seed.py) and for
them (tests/template_db.py).
"""

from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend

INDEX_JOBS = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}


class WithoutIndexJobs(ImmediateBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self._left_out = DummyBackend(alias, params)

    def enqueue(self, task, args, kwargs):
        if task.module_path in INDEX_JOBS:
            return self._left_out.enqueue(task, args, kwargs)
        return super().enqueue(task, args, kwargs)
