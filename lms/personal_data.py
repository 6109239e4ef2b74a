"""What the learning records hold about a person, for “download my data” (see accounts)."""

from django.utils.translation import gettext as _

from accounts.personal_data import DataSection, records
from lms.models import JournalEntry, LessonCompletion, QuizAttempt


def sections(user) -> list[DataSection]:
    return [
        DataSection(
            key="lms.journal",
            title=_("Your journal"),
            records=records(
                JournalEntry.objects.filter(learner=user).order_by("created_at", "pk"),
                ["created_at", "updated_at", "module__title", "lesson__title", "prompt", "title", "body", "shared_at"],
                labels={"module__title": "module", "lesson__title": "lesson"},
            ),
        ),
        DataSection(
            key="lms.completions",
            title=_("Lessons completed"),
            records=records(
                LessonCompletion.objects.filter(learner=user).order_by("completed_at", "pk"),
                ["module__title", "lesson__title", "completed_at", "how"],
                labels={"module__title": "module", "lesson__title": "lesson"},
            ),
        ),
        DataSection(
            key="lms.quizzes",
            title=_("Your quiz attempts"),
            records=records(
                QuizAttempt.objects.filter(learner=user).order_by("submitted_at", "pk"),
                ["lesson__title", "number", "answers", "points", "out_of", "percent", "passed", "submitted_at"],
                labels={"lesson__title": "lesson"},
            ),
        ),
    ]
