"""The learning-records demo: learners at different points, idempotent."""

import datetime
import io

import pytest
from django.utils import timezone

from accounts.demo import DemoContext
from lms import demo
from lms.models import JournalEntry, LearnerProgress, LessonCompletion
from lms.progress import learners_inactive_since
from tests.factories import EnrolmentFactory, UserFactory
from tests.lms.conftest import Course

pytestmark = pytest.mark.django_db


def test_demo_tells_a_story_and_is_idempotent(programme, cohort):
    for order in range(4):
        Course(programme, order=order)
    learner = EnrolmentFactory(cohort=cohort).learner
    ctx = DemoContext(stdout=io.StringIO(), users={"learner": learner, "coordinator": UserFactory()})
    ctx.objects["cohort"] = cohort
    demo.seed(ctx)
    snapshot = sorted(LearnerProgress.objects.values_list("enrolment_id", "lessons_done", "last_activity_at"))
    assert [row[1] for row in snapshot] == [
        4,
        15,
        2,
        1,
    ]  # of 16 lessons, 8 open: Léa partway, Inès nearly done, Thomas, Awa
    inactive = list(learners_inactive_since(timezone.now() - datetime.timedelta(days=14)))
    assert [enrolment.learner.email for enrolment in inactive] == ["learner-inactive@demo.pair-aidance.test"]
    counts = (LessonCompletion.objects.count(), JournalEntry.objects.count())
    demo.seed(ctx)
    assert sorted(LearnerProgress.objects.values_list("enrolment_id", "lessons_done", "last_activity_at")) == snapshot
    assert (LessonCompletion.objects.count(), JournalEntry.objects.count()) == counts
