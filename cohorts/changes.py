"""A version per cohort of "what its learners did", for the figures computed over a whole cohort and cached (the
cohort dashboard's counts and its "what needs action today").

Every service that writes a source of those figures (enrolments, sessions and attendance, placements, hours,
evaluations and concerns, completions and a learner's return after two weeks without news, the cohort's
attendance threshold) calls `cohort_changed()`: once its transaction commits, the cohorts concerned get a new
version, so the next read computes the figures again and a coordinator never sees a figure older than the last
change. A reader puts `cohort_version()` in its cache key.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import models, transaction

from cohorts.models import Enrolment

_KEY = "cohorts:version:{pk}"


def _bump(cohort_ids: set[int]) -> None:
    cache.set_many({_KEY.format(pk=pk): uuid.uuid4().hex for pk in cohort_ids}, timeout=None)


def cohort_changed(
    *, cohort_ids: Iterable[int] = (), learner_ids: Iterable[int] = (), enrolment_ids: Iterable[int] = ()
) -> None:
    """Give the cohorts a new version once the current transaction commits (at once outside a transaction):
    `cohort_ids`, and every cohort where a learner of `learner_ids`, or the learner of an enrolment of
    `enrolment_ids`, is enrolled (a learner deferred to a later cohort carries their internship there)."""
    cohort_ids = {pk for pk in cohort_ids if pk}
    learner_ids = {pk for pk in learner_ids if pk}
    enrolment_ids = {pk for pk in enrolment_ids if pk}

    def bump():
        ids = set(cohort_ids)
        if learner_ids or enrolment_ids:
            learners = Enrolment.objects.filter(
                models.Q(learner_id__in=learner_ids) | models.Q(pk__in=enrolment_ids)
            ).values("learner_id")
            ids |= set(Enrolment.objects.filter(learner_id__in=learners).values_list("cohort_id", flat=True))
        if ids:
            _bump(ids)

    if cohort_ids or learner_ids or enrolment_ids:
        transaction.on_commit(bump)


def cohort_version(cohort_id: int) -> str:
    """The cohort's current version (a new one when none is known, e.g. after the cache was emptied)."""
    key = _KEY.format(pk=cohort_id)
    version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(key, version, timeout=None):
            version = cache.get(key) or version
    return version
