"""Celery tasks of the selection: the periodic work (offer expiry, anonymisation). E-mails are outbox messages
(selection.messages), sent by the reminder engine.

Every task takes ids (or nothing), re-reads its rows and re-checks their state: running one twice is harmless.
"""

import logging

from celery import shared_task
from django.utils import timezone

from selection.enums import OfferStatus
from selection.models import Offer
from selection.services import application_anonymise, applications_due_for_anonymisation, offer_expire

logger = logging.getLogger(__name__)


@shared_task(name="cohorts.expire_offers")
def expire_offers(offer_ids: list[int] | None = None) -> int:
    """Expire open offers whose deadline has passed; each freed place goes to the waiting list."""

    due = Offer.objects.filter(status=OfferStatus.OPEN, deadline__lte=timezone.now())
    if offer_ids is not None:
        due = due.filter(pk__in=offer_ids)
    expired = 0
    for offer in due.order_by("deadline", "pk"):
        if offer_expire(offer=offer):
            expired += 1
    if expired:
        logger.info("Expired %s offer(s)", expired)
    return expired


@shared_task(name="cohorts.anonymise_closed_applications")
def anonymise_closed_applications(application_ids: list[int] | None = None) -> int:
    """Anonymise refused, withdrawn and declined dossiers closed for longer than their round's retention period."""

    due = applications_due_for_anonymisation(now=timezone.now())
    if application_ids is not None:
        due = due.filter(pk__in=application_ids)
    done = 0
    for application in due.order_by("pk"):
        if application_anonymise(application=application):
            done += 1
    return done
