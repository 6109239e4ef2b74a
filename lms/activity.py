"""Where a learner has recorded work. A module holding some stays open, whatever its opening dates say."""

from lms.models import JournalEntry, LessonCompletion, QuizAttempt


def modules_with_recorded_work(*, enrolment, module_ids) -> set[int]:
    """The modules where the learner has recorded work (three queries): they stay open whatever the dates say."""
    module_ids = list(module_ids)
    found = set(
        LessonCompletion.objects.filter(learner_id=enrolment.learner_id, module_id__in=module_ids).values_list(
            "module_id", flat=True
        )
    )
    found |= set(
        QuizAttempt.objects.filter(learner_id=enrolment.learner_id, module_id__in=module_ids).values_list(
            "module_id", flat=True
        )
    )
    found |= set(
        JournalEntry.objects.filter(learner_id=enrolment.learner_id, module_id__in=module_ids).values_list(
            "module_id", flat=True
        )
    )
    return found
