"""Who may do what in a selection round (django-rules predicates; see cohorts/rules.py for the principles).

The jury is read at the moment of the question: a member taken off the round's jury (or its president
replaced) stops reading the dossiers assigned earlier, their PDFs and their files, on the next request.
During an anonymous first reading, an assigned reviewer reads the dossier without what identifies the
candidate and cannot fetch the uploaded files (an identity document, a CV carry the name) until their own
review is submitted.
"""

from __future__ import annotations

import rules

from cohorts.rules import coordinates_cohort
from selection.models import (
    Application,
    ApplicationDocument,
    ConflictOfInterest,
    InterviewBooking,
    JuryAssignment,
    Review,
    SelectionRound,
)


def _application(obj) -> Application | None:
    if isinstance(obj, Application):
        return obj
    if isinstance(obj, ApplicationDocument):
        return obj.application
    return None


def _round(obj) -> SelectionRound | None:
    if isinstance(obj, SelectionRound):
        return obj
    application = _application(obj)
    return application.selection_round if application is not None else None


def on_round_jury(user, selection_round: SelectionRound | None) -> bool:
    """A member or the president of the round's jury, now."""
    if selection_round is None or not user.is_authenticated:
        return False
    if selection_round.jury_president_id == user.pk:
        return True
    return selection_round.jury_members.filter(pk=user.pk).exists()


@rules.predicate
def is_round_coordinator(user, obj) -> bool:
    """Coordinator of the cohort the round (of this dossier) recruits for."""
    selection_round = _round(obj)
    return selection_round is not None and coordinates_cohort(user, selection_round.cohort_id)


@rules.predicate
def is_candidate(user, obj) -> bool:
    """The candidate of this dossier."""
    application = _application(obj)
    return application is not None and user.is_authenticated and application.candidate_id == user.pk


@rules.predicate
def is_round_juror(user, obj) -> bool:
    """On the round's jury (member or president)."""
    return on_round_jury(user, _round(obj))


@rules.predicate
def is_jury_president(user, obj) -> bool:
    selection_round = _round(obj)
    return selection_round is not None and user.is_authenticated and selection_round.jury_president_id == user.pk


@rules.predicate
def is_assigned_juror(user, obj) -> bool:
    """Given this dossier, still on the round's jury, and without a declared conflict of interest."""
    application = _application(obj)
    if application is None or not user.is_authenticated:
        return False
    return (
        JuryAssignment.objects.filter(application=application, reviewer=user).exists()
        and not ConflictOfInterest.objects.filter(application=application, reviewer=user).exists()
        and on_round_jury(user, application.selection_round)
    )


@rules.predicate
def is_interview_juror(user, obj) -> bool:
    """On the jury of the slot the candidate booked, and still on the round's jury."""
    application = _application(obj)
    if application is None or not user.is_authenticated:
        return False
    return InterviewBooking.objects.filter(application=application, slot__jury=user).exists() and on_round_jury(
        user, application.selection_round
    )


@rules.predicate
def is_reading_blind(user, obj) -> bool:
    """The anonymous first reading is on and this person has not submitted their review of the dossier."""
    application = _application(obj)
    if application is None or not application.selection_round.anonymous_first_reading:
        return False
    return not Review.objects.filter(application=application, reviewer=user, submitted_at__isnull=False).exists()


@rules.predicate
def has_submitted_review(user, obj) -> bool:
    application = _application(obj)
    return (
        application is not None
        and user.is_authenticated
        and Review.objects.filter(application=application, reviewer=user, submitted_at__isnull=False).exists()
    )


# Coordinating a round: its dashboard, dossiers, jury, slots, settings and export.
rules.add_perm("selection.manage_round", is_round_coordinator)
# The dossier's narrative (page and PDF), as each reader may see it.
rules.add_perm("selection.read_dossier", is_candidate | is_round_coordinator | is_assigned_juror)
# The uploaded files: not for a reviewer during the anonymous first reading.
rules.add_perm(
    "selection.read_dossier_files", is_candidate | is_round_coordinator | (is_assigned_juror & ~is_reading_blind)
)
# Who the candidate is (name, département, identifying answers).
rules.add_perm("selection.see_candidate_identity", ~is_reading_blind | is_candidate | is_round_coordinator)
rules.add_perm("selection.review_dossier", is_assigned_juror)
rules.add_perm("selection.see_other_reviews", is_round_coordinator | (is_assigned_juror & has_submitted_review))
rules.add_perm("selection.record_interview", is_round_coordinator | is_interview_juror)
rules.add_perm("selection.view_ranking", is_round_coordinator | is_jury_president)
rules.add_perm("selection.record_decision", is_round_coordinator | is_jury_president)
rules.add_perm("selection.publish_decisions", is_jury_president)
