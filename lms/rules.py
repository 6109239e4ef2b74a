"""Who may read a learner's records (django-rules; principles in cohorts/rules.py).

A journal entry is its author's; the coordinators of a cohort the author is enrolled in read it only while
it is shared. Leaving the cohort's coordination, or the learner unsharing, closes it at once.
"""

from __future__ import annotations

import rules

from cohorts.models import Cohort
from cohorts.rules import is_cohort_coordinator, is_learner_of_enrolment
from lms.models import JournalEntry


@rules.predicate
def is_journal_author(user, entry) -> bool:
    return isinstance(entry, JournalEntry) and user.is_authenticated and entry.learner_id == user.pk


@rules.predicate
def is_shared(user, entry) -> bool:
    return isinstance(entry, JournalEntry) and entry.shared_at is not None


@rules.predicate
def coordinates_author(user, entry) -> bool:
    """Coordinator of a cohort the entry's author is enrolled in."""
    if not isinstance(entry, JournalEntry) or not user.is_authenticated:
        return False
    return Cohort.objects.filter(coordinators=user, enrolments__learner_id=entry.learner_id).exists()


rules.add_perm("lms.read_journal_entry", is_journal_author | (is_shared & coordinates_author))
# Writing, sharing and deleting (pages and API): the author only.
rules.add_perm("lms.edit_journal_entry", is_journal_author)
# A learner's progress page (an enrolment): the learner and the coordinators of its cohort.
rules.add_perm("lms.read_progress", is_learner_of_enrolment | is_cohort_coordinator)
rules.add_perm("lms.manage_cohort_calendar", is_cohort_coordinator)
