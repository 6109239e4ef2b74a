"""The one "object this coordinator may manage, or 404" helper, for every coordinator page of every app.

Who coordinates what is `cohorts_coordinated_by` (superusers: every cohort), so each page treats superusers the
same way; anyone else gets a 404 that does not disclose whether the object exists.
"""

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from cohorts.models import Cohort
from cohorts.selectors import cohorts_coordinated_by


def coordinated_or_404(queryset: QuerySet | type[Model], *, user, pk, cohort_field: str = "cohort"):
    """The object `pk` of `queryset` if `user` coordinates its cohort (reached through `cohort_field`)."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    return get_object_or_404(
        queryset.filter(**{f"{cohort_field}__in": cohorts_coordinated_by(user=user)}),
        pk=pk,
    )


def is_coordinated(queryset: QuerySet | type[Model], *, user, pk, cohort_field: str = "cohort") -> bool:
    """Whether `user` coordinates the cohort of the object `pk` (for a check outside a request: a file built in
    the background asks it again before building and on each download)."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    return queryset.filter(**{f"{cohort_field}__in": cohorts_coordinated_by(user=user)}, pk=pk).exists()


def coordinated_cohort(request, cohort_id: int) -> Cohort:
    """The cohort (with its programme), if the person coordinates it; a 404 otherwise."""
    return get_object_or_404(cohorts_coordinated_by(user=request.user).select_related("programme"), pk=cohort_id)
