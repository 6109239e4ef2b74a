"""The learning-records panel under a lesson's body (cms renders it through settings.CMS_LESSON_PANEL)."""

from django.db.models import Subquery
from django.template.loader import render_to_string
from django.urls import reverse

from cms.enums import CompletionRule
from cohorts.selectors import enrolments_current_for
from competencies.selectors import lesson_competencies
from lms import records
from lms.models import JournalEntry, LessonCompletion
from lms.progress import quiz_summary


def lesson_panel(*, request, lesson, show_body: bool, programme=None, module=None, decision=None) -> str:
    """Only an enrolled learner sees it; reading the body records the view (and completes a "viewed" lesson).

    The lesson page calls it once access is granted; a fixed, small number of queries (one, for the
    competencies the lesson works on, when the access decision brings the learner's enrolments, as it does for a
    learner the lesson is open to; one more otherwise; more for quizzes and reflections)."""
    user = request.user
    if not user.is_authenticated or getattr(request, "is_preview", False) or not show_body:
        return ""
    enrolments = getattr(decision, "records", None)
    if enrolments is None:
        programme_id = programme.pk if programme is not None else records.lesson_place(lesson).programme.pk
        completed_at = LessonCompletion.objects.filter(learner=user, lesson=lesson).values("completed_at")[:1]
        enrolments = list(
            enrolments_current_for(user=user)
            .filter(cohort__programme_id=programme_id)
            .select_related("progress")
            .annotate(lesson_completed_at=Subquery(completed_at))
        )
    if not enrolments:
        return ""
    completed_at = enrolments[0].lesson_completed_at
    created = records.lesson_viewed(
        learner=user, lesson=lesson, enrolments=enrolments, completed=completed_at is not None
    )
    if created is not None:
        completed_at = created.completed_at
    quizzes = []
    for quiz_id, quiz in records.lesson_quizzes(lesson).items():
        summary = quiz_summary(learner=user, lesson=lesson, quiz_id=quiz_id)
        quizzes.append(
            {
                "title": quiz["title"],
                "summary": summary,
                "left": max(quiz["max_attempts"] - summary["used"], 0),
                "url": reverse("lms:quiz", kwargs={"lesson_id": lesson.pk, "quiz_id": quiz_id}),
            }
        )
    reflection_blocks = records.lesson_reflections(lesson)
    written = set()
    if reflection_blocks:
        written = set(
            JournalEntry.objects.filter(learner=user, lesson=lesson)
            .exclude(prompt_id="")
            .values_list("prompt_id", flat=True)
        )
    reflections = [
        {
            "prompt": value["prompt"],
            "written": prompt_id in written,
            "url": reverse("lms:journal_new") + f"?lecon={lesson.pk}&invite={prompt_id}",
        }
        for prompt_id, value in reflection_blocks.items()
    ]
    return render_to_string(
        "lms/lesson_panel.html",
        {
            "lesson": lesson,
            "completed_at": completed_at,
            "rule": lesson.completion_rule,
            "rules": CompletionRule,
            "quizzes": quizzes,
            "reflections": reflections,
            "competencies": lesson_competencies(lesson=lesson, module=module),
        },
        request=request,
    )
