"""What lms tells the reminder engine: where learners leave traces (the inactivity reminder uses it)."""

import datetime

from django.db.models import Max

from lms.models import LearnerProgress


def last_learning_activity(user_ids: list[int]) -> dict[int, datetime.datetime]:
    """The latest learning activity (lesson, quiz, journal) of each of these learners, across their cohorts."""
    rows = (
        LearnerProgress.objects.filter(enrolment__learner_id__in=user_ids, last_activity_at__isnull=False)
        .values("enrolment__learner_id")
        .annotate(latest=Max("last_activity_at"))
        .values_list("enrolment__learner_id", "latest")
    )
    return dict(rows)
