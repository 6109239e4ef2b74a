"""Versions of what a learner's progress is computed from, for the learner dashboard's cached figures.

`lms.progress.enrolment_progress` reads, besides the programme's outline (versioned by cms), two kinds of rows:
the learner's own records (completions, quiz attempts, journal entries, stored module progress: written by
`lms.records`) and the module calendar (the cohort's opening dates and the learner's own: written by
`lms.services`). Each writer calls `learner_records_changed` or `cohort_calendar_changed`: once its transaction
commits, the learner (or the cohort) gets a new version, so the next dashboard computes the figures again. A
reader puts `versions(...)` in its cache key.
"""

from __future__ import annotations

from collections.abc import Iterable

from core import fragments

LEARNER_KEY = "lms:learner-records:{pk}"
COHORT_KEY = "lms:cohort-calendar:{pk}"


def learner_records_changed(*, learner_ids: Iterable[int]) -> None:
    """The learners' completions, attempts, journal, stored progress or own opening dates changed."""
    keys = {LEARNER_KEY.format(pk=pk) for pk in learner_ids if pk}
    if keys:
        fragments.bump_on_commit(lambda: keys)


def cohort_calendar_changed(*, cohort_id: int) -> None:
    """The cohort's opening dates changed."""
    fragments.bump_on_commit(lambda: {COHORT_KEY.format(pk=cohort_id)})


def keys(*, learner_id: int, cohort_ids: Iterable[int]) -> list[str]:
    """The keys of the versions a learner's progress in these cohorts is computed from (for a page that reads all
    its versions at once, core.fragments)."""
    return [LEARNER_KEY.format(pk=learner_id), *(COHORT_KEY.format(pk=pk) for pk in cohort_ids)]


def versions(*, learner_id: int, cohort_id: int) -> str:
    """The current versions of a learner's records and of their cohort's calendar, in one cache read (a new
    version for one that is not known, e.g. after the cache was emptied)."""
    return ":".join(fragments.versions(keys(learner_id=learner_id, cohort_ids=[cohort_id])))
