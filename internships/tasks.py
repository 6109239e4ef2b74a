"""Celery tasks of the internship domain. Each takes ids, re-reads and re-checks, and is safe to run twice."""

from celery import shared_task
from django.utils import timezone

from internships import services
from internships.enums import PlacementStatus
from internships.models import Placement
from tasks.mail import TRANSIENT_ERRORS


@shared_task(
    name="internships.send_tutor_link",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def send_tutor_link(link_id: int) -> bool:
    """E-mail a tutor link. Only the id travels: the secret is drawn here, in the worker."""

    return services.link_mail(link_id=link_id)


@shared_task(name="internships.advance_placements_by_date")
def advance_placements_by_date() -> int:
    """Daily: signed agreements whose start date has come begin; running ones reach their mid-point review."""

    today = timezone.localdate()
    moved = 0
    for placement in Placement.objects.filter(status=PlacementStatus.AGREEMENT_SIGNED, starts_on__lte=today):
        services.placement_start(placement=placement)
        moved += 1
    for placement in Placement.objects.filter(status=PlacementStatus.IN_PROGRESS):
        if placement.midpoint <= today:
            services.placement_open_midpoint(placement=placement)
            moved += 1
    return moved
