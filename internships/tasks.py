"""Celery tasks of the internship domain. Each takes ids, re-reads and re-checks, and is safe to run twice."""

from celery import shared_task
from django.utils import timezone

from internships import services
from internships.enums import PlacementStatus
from internships.models import Placement


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
