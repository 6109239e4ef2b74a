"""Reads of the access log."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from audit.models import AccessRecord


def access_records_about(*, person, cohort_ids: Iterable[int] | None = None) -> QuerySet[AccessRecord]:
    """What was read about a person, newest first; limited to some cohorts for a coordinator."""
    records = AccessRecord.objects.filter(person=person).select_related("reader")
    if cohort_ids is not None:
        records = records.filter(cohort_id__in=list(cohort_ids))
    return records


def access_records_of(*, target: models.Model) -> QuerySet[AccessRecord]:
    """The reads of one object (a dossier), newest first."""
    content_type = ContentType.objects.get_for_model(target)
    return AccessRecord.objects.filter(content_type=content_type, object_id=target.pk).select_related("reader")
