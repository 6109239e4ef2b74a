"""Celery tasks of the internship domain. Each takes ids, re-reads and re-checks, and is safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from internships.enums import PlacementStatus
from internships.models import Placement, TutorAccessLink


@shared_task(name="internships.send_tutor_link")
def send_tutor_link(link_id: int, token: str) -> bool:
    link = TutorAccessLink.objects.select_related("tutor", "placement__enrolment__learner").filter(pk=link_id).first()
    if link is None or link.used_at or link.revoked_at or link.expires_at <= timezone.now():
        return False
    with translation.override("fr"):
        context = {
            "link": link,
            "url": settings.SITE_URL.rstrip("/") + reverse("internships:link", args=[token]),
            "learner": link.placement.enrolment.learner,
        }
        subject = render_to_string("internships/email/tutor_link_subject.txt", context).strip()
        body = render_to_string("internships/email/tutor_link.txt", context)
    send_mail(subject, body, None, [link.tutor.email])
    return True


@shared_task(name="internships.advance_placements_by_date")
def advance_placements_by_date() -> int:
    """Daily: signed agreements whose start date has come begin; running ones reach their mid-point review."""
    from internships import services

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
