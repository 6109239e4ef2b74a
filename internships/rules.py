"""Who may do what with placements and everything hung on them (django-rules; principles in cohorts/rules.py).

The objects asked about are a placement or anything that belongs to one (`.placement`: a time entry, an
evaluation, a concern, an amendment, a link), and supervision sessions for their facilitator.
"""

from __future__ import annotations

import rules

from cohorts.rules import coordinates_cohort
from internships.models import Concern, Placement, SupervisionSession, Tutor


def _placement(obj) -> Placement | None:
    if isinstance(obj, Placement):
        return obj
    return getattr(obj, "placement", None)


@rules.predicate
def is_placement_coordinator(user, obj) -> bool:
    """Coordinator of the cohort of the placement's learner."""
    placement = _placement(obj)
    return placement is not None and coordinates_cohort(user, placement.enrolment.cohort_id)


@rules.predicate
def is_placement_learner(user, obj) -> bool:
    placement = _placement(obj)
    return placement is not None and user.is_authenticated and placement.enrolment.learner_id == user.pk


@rules.predicate
def is_placement_tutor(user, obj) -> bool:
    """The tutor of this placement now (an amendment that changes the tutor moves it on)."""
    placement = _placement(obj)
    if placement is None or not user.is_authenticated:
        return False
    return Tutor.objects.filter(pk=placement.tutor_id, user=user).exists()


@rules.predicate
def is_concern_author(user, concern) -> bool:
    return isinstance(concern, Concern) and user.is_authenticated and concern.raised_by_user_id == user.pk


@rules.predicate
def is_facilitator(user, session) -> bool:
    """The facilitator of this supervision group session."""
    return isinstance(session, SupervisionSession) and user.is_authenticated and session.facilitator_id == user.pk


@rules.predicate
def is_supervision_coordinator(user, session) -> bool:
    return isinstance(session, SupervisionSession) and coordinates_cohort(user, session.cohort_id)


rules.add_perm("internships.manage_placement", is_placement_coordinator)
rules.add_perm("internships.read_placement", is_placement_learner | is_placement_tutor | is_placement_coordinator)
rules.add_perm("internships.act_as_tutor", is_placement_tutor)
rules.add_perm("internships.read_concern", is_placement_coordinator | is_concern_author)
rules.add_perm("internships.read_supervision_notes", is_facilitator)
rules.add_perm("internships.read_supervision", is_facilitator | is_supervision_coordinator)
