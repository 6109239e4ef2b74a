"""The lesson page's access query (`lms.access.enrolments_for_lesson`, a prepared query) against the ORM's answer."""

import datetime

import pytest
from django.utils import timezone

from cohorts.enums import EnrolmentStatus
from cohorts.selectors import enrolments_current_for
from lms.access import enrolments_for_lesson, opening_dates_for
from lms.models import LearnerProgress, LessonCompletion
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonCompletionFactory,
    LessonPageFactory,
    ModulePageFactory,
    ModuleReleaseFactory,
    ModuleReleaseOverrideFactory,
    ProgrammePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def orm_answer(user, programme, module, lesson) -> dict:
    """What the ORM says of each enrolment: the fields the lesson page reads, by enrolment id."""
    answer = {}
    for enrolment in enrolments_current_for(user=user).filter(cohort__programme_id=programme.pk):
        completion = LessonCompletion.objects.filter(learner=user, lesson=lesson).first()
        progress = LearnerProgress.objects.filter(enrolment=enrolment).values().first()
        answer[enrolment.pk] = {
            "cohort_id": enrolment.cohort_id,
            "learner_id": enrolment.learner_id,
            "status": enrolment.status,
            "enrolled_at": enrolment.enrolled_at,
            "module_opens_on": opening_dates_for(enrolment, [module.pk])[module.pk],
            "lesson_completed_at": completion.completed_at if completion else None,
            "progress": progress,
        }
    return answer


def sql_answer(enrolments) -> dict:
    answer = {}
    for enrolment in enrolments:
        progress = getattr(enrolment, "progress", None)
        answer[enrolment.pk] = {
            "cohort_id": enrolment.cohort_id,
            "learner_id": enrolment.learner_id,
            "status": enrolment.status,
            "enrolled_at": enrolment.enrolled_at,
            "module_opens_on": enrolment.module_opens_on,
            "lesson_completed_at": enrolment.lesson_completed_at,
            "progress": {field.attname: getattr(progress, field.attname) for field in LearnerProgress._meta.fields}
            if progress is not None
            else None,
        }
    return answer


@pytest.fixture
def course():
    programme = ProgrammePageFactory()
    module = ModulePageFactory(parent=programme, order=1)
    other_module = ModulePageFactory(parent=programme, order=2)
    lesson = LessonPageFactory(parent=module)
    return programme, module, other_module, lesson


def test_every_case_reads_as_the_orm_reads_it(course, django_assert_num_queries):
    programme, module, other_module, lesson = course
    learner = UserFactory()
    # Own date (wins), stored progress, the lesson completed.
    own = EnrolmentFactory(learner=learner, cohort=CohortFactory(programme=programme))
    ModuleReleaseFactory(cohort=own.cohort, module=module, opens_on=days(30))
    ModuleReleaseOverrideFactory(enrolment=own, module=module, opens_on=days(-3))
    LearnerProgress.objects.create(enrolment=own, lessons_done=4, quizzes_done=1, last_activity_at=timezone.now())
    completed = LessonCompletionFactory(learner=learner, lesson=lesson)
    # Completed, the cohort's date only (and a date for another module, not this one), no stored progress.
    done = EnrolmentFactory(
        learner=learner, cohort=CohortFactory(programme=programme), status=EnrolmentStatus.COMPLETED
    )
    ModuleReleaseFactory(cohort=done.cohort, module=module, opens_on=days(12))
    ModuleReleaseFactory(cohort=done.cohort, module=other_module, opens_on=days(-40))
    # No date at all: the cohort's start.
    plain = EnrolmentFactory(learner=learner, cohort=CohortFactory(programme=programme, starts_on=days(-7)))
    # Left out: withdrawn, deferred, an ended cohort, another programme, another learner's enrolment.
    EnrolmentFactory(learner=learner, cohort=CohortFactory(programme=programme), withdrawn=True)
    EnrolmentFactory(learner=learner, cohort=CohortFactory(programme=programme), deferred=True)
    EnrolmentFactory(learner=learner, cohort=CohortFactory(programme=programme, ended=True))
    EnrolmentFactory(learner=learner, cohort=CohortFactory())
    stranger = EnrolmentFactory(cohort=own.cohort)
    ModuleReleaseOverrideFactory(enrolment=stranger, module=module, opens_on=days(-90))
    LessonCompletionFactory(learner=stranger.learner, lesson=lesson)

    with django_assert_num_queries(1):
        enrolments = enrolments_for_lesson(learner, programme, module, lesson)

    answer = sql_answer(enrolments)
    assert answer == orm_answer(learner, programme, module, lesson)
    assert set(answer) == {own.pk, done.pk, plain.pk}
    assert answer[own.pk]["module_opens_on"] == days(-3)
    assert answer[done.pk]["module_opens_on"] == days(12)
    assert answer[plain.pk]["module_opens_on"] == days(-7)
    assert answer[own.pk]["lesson_completed_at"] == completed.completed_at
    assert answer[own.pk]["progress"]["lessons_done"] == 4
    assert answer[done.pk]["progress"] is None


def test_the_enrolments_it_gives_behave_as_the_orms(course):
    """Types as the ORM gives them (dates, aware datetimes, the status), saved back without loss, and the missing
    progress answered as Django answers it for a one-to-one that has no row."""
    programme, module, _other, lesson = course
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=programme))
    (read,) = enrolments_for_lesson(enrolment.learner, programme, module, lesson)
    assert isinstance(read.module_opens_on, datetime.date)
    assert read.lesson_completed_at is None
    assert timezone.is_aware(read.enrolled_at)
    assert read.status == EnrolmentStatus.ACTIVE
    with pytest.raises(LearnerProgress.DoesNotExist, match="no progress"):
        read.progress  # noqa: B018 - the descriptor raises as it does for a selected, missing row
    read.withdrawal_reason = "Déménagement"
    read.save(update_fields=["withdrawal_reason"])
    enrolment.refresh_from_db()
    assert enrolment.withdrawal_reason == "Déménagement"
    assert enrolment.enrolled_at == read.enrolled_at


def test_nobody_signed_in_and_a_learner_without_enrolment_get_nothing(course, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    programme, module, _other, lesson = course
    nobody = UserFactory()
    with django_assert_num_queries(0):
        assert enrolments_for_lesson(AnonymousUser(), programme, module, lesson) == []
    with django_assert_num_queries(1):
        assert enrolments_for_lesson(nobody, programme, module, lesson) == []
