"""The learning-records panel under a lesson's body (cms renders it through settings.CMS_LESSON_PANEL)."""

from django.template.loader import render_to_string
from django.urls import reverse

from cms.enums import CompletionRule
from lms import records
from lms.models import JournalEntry, LessonCompletion
from lms.progress import quiz_summary


def lesson_panel(*, request, lesson, show_body: bool) -> str:
    """Only an enrolled learner sees it; reading the body records the view (and completes a "viewed" lesson)."""
    user = request.user
    if not user.is_authenticated or getattr(request, "is_preview", False) or not show_body:
        return ""
    place = records.lesson_place(lesson)
    if not records.learner_enrolments(learner=user, programme_id=place.programme.pk):
        return ""
    records.lesson_viewed(learner=user, lesson=lesson)
    completion = LessonCompletion.objects.filter(learner=user, lesson=lesson).first()
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
        for prompt_id, value in records.lesson_reflections(lesson).items()
    ]
    return render_to_string(
        "lms/lesson_panel.html",
        {
            "lesson": lesson,
            "completion": completion,
            "rule": lesson.completion_rule,
            "rules": CompletionRule,
            "quizzes": quizzes,
            "reflections": reflections,
        },
        request=request,
    )
