"""Writes of the access log. Views call these right after deciding that the reader may read."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from audit.enums import AccessKind
from audit.models import AccessRecord


def access_record(
    *, reader, person, kind: AccessKind, target: models.Model | None = None, cohort_id=None, detail: str = ""
) -> AccessRecord | None:
    """Write down that ``reader`` read ``kind`` about ``person``; a person reading their own data is not logged."""
    if person is None or reader is None or getattr(person, "pk", person) == reader.pk:
        return None
    return AccessRecord.objects.create(
        reader=reader,
        person_id=getattr(person, "pk", person),
        kind=kind,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        cohort_id=cohort_id,
        detail=detail[:200],
    )


def access_record_many(*, reader, person_ids: Iterable[int], kind: AccessKind, cohort_id=None, detail: str = "") -> int:
    """One record per person, for a read that covers many (an export): one query."""
    rows = [
        AccessRecord(reader=reader, person_id=pk, kind=kind, cohort_id=cohort_id, detail=detail[:200])
        for pk in dict.fromkeys(person_ids)
        if pk is not None and pk != reader.pk
    ]
    AccessRecord.objects.bulk_create(rows)
    return len(rows)


def access_records_detach(*, target: models.Model) -> int:
    """Anonymisation: the reads of ``target`` stay (who read a dossier), without the person it was about."""
    content_type = ContentType.objects.get_for_model(target)
    return AccessRecord.objects.filter(content_type=content_type, object_id=target.pk).update(person=None)
