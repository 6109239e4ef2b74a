"""Who may do what with cohorts and enrolments: the named predicates the other apps build upon.

Every permission of the platform is a django-rules permission asked with `user.has_perm(name, obj)`, by
views, templates (`{% has_perm %}`), the API and services alike. Roles are memberships read at the moment
of the question (a cohort's coordinators, a round's jury, a placement's tutor): removing someone from one
takes the access away on their next request. An active superuser (an administrator) passes every
permission: that is Django's rule for `has_perm`, and the one rule about superusers here.
"""

from __future__ import annotations

import rules

from cohorts.models import Cohort, Enrolment


def _cohort_id(obj) -> int | None:
    """The cohort an object belongs to: a cohort, an enrolment or anything with a `cohort_id`."""
    if obj is None:
        return None
    if isinstance(obj, Cohort):
        return obj.pk
    return getattr(obj, "cohort_id", None)


def coordinates_cohort(user, cohort_id: int | None) -> bool:
    """One query, never cached: a coordinator removed from the cohort loses it at once."""
    if cohort_id is None or not user.is_authenticated:
        return False
    return Cohort.coordinators.through.objects.filter(cohort_id=cohort_id, user_id=user.pk).exists()


@rules.predicate
def is_cohort_coordinator(user, obj) -> bool:
    """Coordinator of this cohort (or of the cohort of this enrolment)."""
    return coordinates_cohort(user, _cohort_id(obj))


@rules.predicate
def is_programme_coordinator(user, programme) -> bool:
    """Coordinator of one of the programme's cohorts."""
    if programme is None or not user.is_authenticated:
        return False
    return Cohort.objects.filter(programme_id=programme.pk, coordinators=user).exists()


@rules.predicate
def is_coordinator(user) -> bool:
    """Coordinator of at least one cohort (for menus; objects are checked with the predicates above)."""
    return user.is_authenticated and Cohort.objects.filter(coordinators=user).exists()


@rules.predicate
def is_learner_of_enrolment(user, enrolment) -> bool:
    return isinstance(enrolment, Enrolment) and user.is_authenticated and enrolment.learner_id == user.pk


rules.add_perm("cohorts.coordinate_cohort", is_cohort_coordinator)
rules.add_perm("cohorts.open_cohort_dashboard", is_cohort_coordinator)
rules.add_perm("cohorts.export_cohort", is_cohort_coordinator)
rules.add_perm("cohorts.coordinate_programme", is_programme_coordinator)
rules.add_perm("cohorts.coordinate_any", is_coordinator)
rules.add_perm("cohorts.read_enrolment", is_learner_of_enrolment | is_cohort_coordinator)
