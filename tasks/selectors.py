"""Reads of the reminder engine."""

from django.db.models import Q, QuerySet

from tasks.models import Outbox


def outbox_visible_to(*, user) -> QuerySet[Outbox]:
    """Superusers see every row; a coordinator sees the rows of the cohorts they coordinate, and their own."""
    from cohorts.selectors import cohorts_coordinated_by

    if not user.is_authenticated:
        return Outbox.objects.none()
    if user.is_superuser:
        return Outbox.objects.all()
    return Outbox.objects.filter(Q(cohort_id__in=cohorts_coordinated_by(user=user).values("pk")) | Q(recipient=user))


def outbox_for_listing(*, user) -> QuerySet[Outbox]:
    return outbox_visible_to(user=user).select_related("rule", "cohort", "cohort__programme", "recipient")
