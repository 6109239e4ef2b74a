"""Completion rules, idempotence, quiz scoring and attempts, journal writes, stored progress, activity probe."""

import datetime

import pytest
from django.utils import timezone

from cms.enums import CompletionRule
from lms import records, services
from lms.access import modules_open_for
from lms.models import JournalEntry, LearnerProgress, LessonCompletion, ModuleProgress, QuizAttempt
from lms.progress import enrolment_progress, learners_inactive_since, remaining_explanation
from tests.factories import EnrolmentFactory, ModuleReleaseFactory, UserFactory
from tests.lms.conftest import quiz_parts, reflection_id

pytestmark = pytest.mark.django_db


def submit(learner, lesson, *, correct=True, token=None, answers=None):
    quiz_id, question_id, right, wrong = quiz_parts(lesson)
    token = token or records.quiz_token(learner=learner, lesson=lesson, quiz_id=quiz_id)
    answers = answers if answers is not None else {question_id: [right if correct else wrong]}
    return services.quiz_submit(learner=learner, lesson=lesson, quiz_id=quiz_id, token=token, answers=answers)


def test_viewed_rule_completes_when_the_body_is_read(learner, course):
    completion = services.lesson_viewed(learner=learner, lesson=course.viewed)
    assert completion.how == CompletionRule.VIEWED and completion.module_id == course.module.pk
    assert services.lesson_viewed(learner=learner, lesson=course.quiz) is None  # another rule: activity only
    assert LessonCompletion.objects.filter(learner=learner).count() == 1


def test_marked_done_rule(learner, course):
    completion, created = services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    assert created and completion.how == CompletionRule.MARKED_DONE


def test_a_lesson_cannot_be_completed_another_way(learner, course):
    with pytest.raises(services.LearningError, match="autre façon"):
        services.lesson_complete(learner=learner, lesson=course.quiz, how=CompletionRule.MARKED_DONE)
    assert not LessonCompletion.objects.exists()


def test_quiz_rule_completes_on_a_pass_only(learner, course):
    attempt, result = submit(learner, course.quiz, correct=False)
    assert not result["passed"] and attempt.percent == 0 and attempt.number == 1
    assert not LessonCompletion.objects.exists()
    attempt, result = submit(learner, course.quiz, correct=True)
    assert result["passed"] and attempt.percent == 100 and attempt.number == 2
    assert LessonCompletion.objects.get(learner=learner).how == CompletionRule.QUIZ_PASSED


def test_reflection_rule_completes_when_an_entry_answers_the_prompt(learner, course):
    services.journal_entry_write(learner=learner, body="Sans invite", lesson=course.reflection)
    assert not LessonCompletion.objects.exists()
    entry = services.journal_entry_write(
        learner=learner,
        body="Je me suis senti écouté.",
        lesson=course.reflection,
        prompt_id=reflection_id(course.reflection),
    )
    assert entry.prompt == "Quand vous êtes-vous senti écouté ?" and entry.shared_at is None
    assert LessonCompletion.objects.get(learner=learner).how == CompletionRule.REFLECTION_WRITTEN


def test_repeating_never_double_counts(learner, course):
    for _ in range(3):
        services.lesson_viewed(learner=learner, lesson=course.viewed)
        services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    submit(learner, course.quiz)
    submit(learner, course.quiz)  # a second pass
    assert LessonCompletion.objects.filter(learner=learner).count() == 3
    enrolment = learner.enrolments.get()
    assert ModuleProgress.objects.get(enrolment=enrolment).lessons_done == 3
    progress = LearnerProgress.objects.get(enrolment=enrolment)
    assert (progress.lessons_done, progress.quizzes_done) == (3, 1)


def test_the_database_refuses_a_second_completion(learner, course):
    from django.db import IntegrityError, transaction

    services.lesson_viewed(learner=learner, lesson=course.viewed)
    with pytest.raises(IntegrityError, match=r"(?is)unique.*learner_id.*lesson_id"), transaction.atomic():
        LessonCompletion.objects.create(
            learner=learner, lesson=course.viewed, module=course.module, completed_at=timezone.now(), how="viewed"
        )


def test_people_not_enrolled_record_nothing(outsider, coordinator, course):
    for person in (outsider, coordinator):
        assert services.lesson_viewed(learner=person, lesson=course.viewed) is None
        with pytest.raises(services.LearningError, match="Votre progression est enregistrée seulement pour"):
            services.lesson_complete(learner=person, lesson=course.done, how=CompletionRule.MARKED_DONE)
    assert not LessonCompletion.objects.exists() and not LearnerProgress.objects.exists()


def test_a_closed_module_records_nothing(learner, cohort, course):
    ModuleReleaseFactory(
        cohort=cohort, module=course.module, opens_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    with pytest.raises(services.LearningError, match="pas encore ouverte"):
        services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)


def test_completed_work_keeps_its_module_open_when_the_date_moves_later(learner, cohort, course):
    services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    ModuleReleaseFactory(
        cohort=cohort, module=course.module, opens_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    enrolment = learner.enrolments.get()
    assert modules_open_for(enrolment, [course.module.pk]) == {course.module.pk}
    other = EnrolmentFactory(cohort=cohort)
    assert modules_open_for(other, [course.module.pk]) == set()


# --- Quizzes ---


def test_quiz_feedback_per_answer_after_submission(learner, course):
    _attempt, result = submit(learner, course.quiz, correct=False)
    (question,) = result["questions"]
    assert question["correct"] is False
    assert question["feedback"] == ["RETOUR-SECRET-FAUX"]
    assert question["explanation"].startswith("EXPLICATION-SECRETE")


def test_attempt_limit(learner, course):
    for _ in range(3):
        submit(learner, course.quiz, correct=False)
    quiz_id = quiz_parts(course.quiz)[0]
    assert records.quiz_token(learner=learner, lesson=course.quiz, quiz_id=quiz_id) is None
    forged_fourth = records.signing.dumps(
        {"u": learner.pk, "l": course.quiz.pk, "q": quiz_id, "n": 4}, salt=records.QUIZ_TOKEN_SALT
    )
    with pytest.raises(services.LearningError, match="toutes les tentatives"):
        submit(learner, course.quiz, token=forged_fourth)
    assert QuizAttempt.objects.count() == 3


def test_replayed_submission_changes_nothing(learner, course):
    quiz_id = quiz_parts(course.quiz)[0]
    token = records.quiz_token(learner=learner, lesson=course.quiz, quiz_id=quiz_id)
    submit(learner, course.quiz, correct=False, token=token)
    with pytest.raises(services.LearningError, match="déjà été envoyées"):
        submit(learner, course.quiz, correct=True, token=token)
    assert QuizAttempt.objects.count() == 1 and not LessonCompletion.objects.exists()


@pytest.mark.parametrize(
    "make_answers, message",
    [
        (lambda q, r, w: {}, "chaque question"),
        (lambda q, r, w: {q: ["pas-un-id"]}, "ne correspondent pas"),
        (lambda q, r, w: {"inconnue": [r]}, "ne correspondent pas"),
        (lambda q, r, w: {q: [r, w]}, "seule réponse"),
        (lambda q, r, w: {q: {"x": 1}}, "n'ont pas pu être lues"),
        (lambda q, r, w: ["liste"], "n'ont pas pu être lues"),
    ],
)
def test_malformed_submissions_get_a_clear_error_and_change_nothing(learner, course, make_answers, message):
    _quiz_id, question_id, right, wrong = quiz_parts(course.quiz)
    with pytest.raises(services.LearningError, match=message):
        submit(learner, course.quiz, answers=make_answers(question_id, right, wrong))
    assert not QuizAttempt.objects.exists() and not LessonCompletion.objects.exists()


def test_a_token_for_someone_else_or_forged_is_refused(learner, cohort, course):
    other = EnrolmentFactory(cohort=cohort).learner
    quiz_id = quiz_parts(course.quiz)[0]
    others_token = records.quiz_token(learner=other, lesson=course.quiz, quiz_id=quiz_id)
    for token in (others_token, "n'importe-quoi", others_token[:-2] + "xx"):
        with pytest.raises(services.LearningError, match="n'est pas valide"):
            submit(learner, course.quiz, token=token)
    assert not QuizAttempt.objects.exists()


# --- Progress ---


def test_progress_is_stored_and_explained(learner, course):
    enrolment = learner.enrolments.get()
    assert enrolment_progress(enrolment).explanation == "3 leçons et 1 quiz restent"
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    stored = ModuleProgress.objects.get(enrolment=enrolment, module=course.module)
    assert (stored.lessons_done, stored.quizzes_done) == (2, 0)
    state = enrolment_progress(enrolment)
    assert state.explanation == "1 leçon et 1 quiz restent" and state.percent == 50
    assert state.next_lesson.pk == course.quiz.pk


def test_programme_completion_is_stamped(learner, course):
    services.lesson_viewed(learner=learner, lesson=course.viewed)
    services.lesson_complete(learner=learner, lesson=course.done, how=CompletionRule.MARKED_DONE)
    submit(learner, course.quiz)
    assert LearnerProgress.objects.get().completed_at is None
    services.journal_entry_write(
        learner=learner, body="Écouté.", lesson=course.reflection, prompt_id=reflection_id(course.reflection)
    )
    progress = LearnerProgress.objects.get()
    assert progress.completed_at is not None and progress.lessons_done == 4
    assert enrolment_progress(learner.enrolments.get()).explanation == "Tout est fait."


@pytest.mark.parametrize(
    "lessons, quizzes, expected",
    [(2, 1, "2 leçons et 1 quiz restent"), (1, 0, "1 leçon reste"), (0, 2, "2 quiz restent"), (0, 0, "Tout est fait.")],
)
def test_remaining_explanation(lessons, quizzes, expected):
    assert remaining_explanation(lessons_left=lessons, quizzes_left=quizzes) == expected


def test_learners_inactive_since(cohort, course, time_machine):
    time_machine.move_to(timezone.now() - datetime.timedelta(days=30))
    quiet = EnrolmentFactory(cohort=cohort)
    active = EnrolmentFactory(cohort=cohort)
    never = EnrolmentFactory(cohort=cohort)
    services.lesson_viewed(learner=quiet.learner, lesson=course.viewed)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=29))
    services.lesson_viewed(learner=active.learner, lesson=course.viewed)
    cutoff = timezone.now() - datetime.timedelta(days=14)
    assert list(learners_inactive_since(cutoff)) == [quiet, never]
    assert learners_inactive_since(cutoff)[0].progress.last_activity_at < cutoff


def test_journal_entry_needs_text(learner):
    with pytest.raises(services.LearningError, match="Écrivez"):
        services.journal_entry_write(learner=learner, body="   ")
    assert not JournalEntry.objects.exists()


def test_only_the_author_changes_or_shares_an_entry(learner):
    entry = services.journal_entry_write(learner=learner, body="À moi")
    other = UserFactory()
    for action in (services.journal_entry_share, services.journal_entry_delete):
        with pytest.raises(services.LearningError, match=r"Cette entrée de journal n'est pas la vôtre\."):
            action(entry=entry, learner=other)
    entry = services.journal_entry_share(entry=entry, learner=learner)
    assert entry.is_shared
    assert not services.journal_entry_unshare(entry=entry, learner=learner).is_shared


def test_a_journal_entry_about_a_lesson_also_keeps_its_module_open(learner, cohort, course):
    services.journal_entry_write(learner=learner, body="Une pensée.", lesson=course.viewed)
    ModuleReleaseFactory(
        cohort=cohort, module=course.module, opens_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    assert modules_open_for(learner.enrolments.get(), [course.module.pk]) == {course.module.pk}
