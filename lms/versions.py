"""Versions of what a learner's progress is computed from, for the learner dashboard's cached figures.

`lms.progress.enrolment_progress` reads, besides the programme's outline (versioned by cms), two kinds of rows:
the learner's own records (completions, quiz attempts, journal entries, stored module progress: written by
`lms.records`) and the module calendar (the cohort's opening dates and the learner's own: written by
`lms.services`). Each writer calls `learner_records_changed` or `cohort_calendar_changed`: once its transaction
commits, the learner (or the cohort) gets a new version, so the next dashboard computes the figures again. A
reader puts `versions(...)` in its cache key.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

LEARNER_KEY = "lms:learner-records:{pk}"
COHORT_KEY = "lms:cohort-calendar:{pk}"


def _bump_on_commit(keys: set[str]) -> None:
    if keys:
        transaction.on_commit(lambda: cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None))


def learner_records_changed(*, learner_ids: Iterable[int]) -> None:
    """The learners' completions, attempts, journal, stored progress or own opening dates changed."""
    _bump_on_commit({LEARNER_KEY.format(pk=pk) for pk in learner_ids if pk})


def cohort_calendar_changed(*, cohort_id: int) -> None:
    """The cohort's opening dates changed."""
    _bump_on_commit({COHORT_KEY.format(pk=cohort_id)})


def versions(*, learner_id: int, cohort_id: int) -> str:
    """The current versions of a learner's records and of their cohort's calendar, in one cache read (a new
    version for one that is not known, e.g. after the cache was emptied)."""
    keys = [LEARNER_KEY.format(pk=learner_id), COHORT_KEY.format(pk=cohort_id)]
    found = cache.get_many(keys)
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, value in missing.items():
        if not cache.add(key, value, timeout=None):
            value = cache.get(key) or value
        found[key] = value
    return ":".join(found[key] for key in keys)
