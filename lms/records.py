"""Writes for the learning records: completions, quiz attempts, the journal, progress and attestations.

(The release calendar's writes stay in `lms.services`; these are re-exported there.) Every function here is
keyword-only, atomic, and raises `LearningError` with a message meant for the learner.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from attestations import services as attestation_services
from attestations.enums import AttestationKind
from attestations.models import Attestation
from cms import access as cms_access
from cms.blocks import quiz_score
from cms.enums import CompletionRule, QuestionKind
from cms.models import LessonPage, ModulePage, ProgrammePage
from cohorts.changes import cohort_changed
from cohorts.models import Enrolment
from cohorts.selectors import enrolments_current_for
from lms.models import JournalEntry, LearnerProgress, LessonCompletion, ModuleProgress, QuizAttempt
from lms.progress import DEFAULT_INACTIVE_DAYS
from lms.versions import learner_records_changed

QUIZ_TOKEN_SALT = "lms.quiz-attempt"
QUIZ_TOKEN_MAX_AGE = 60 * 60 * 24  # a form left open for a day must be reloaded


class LearningError(Exception):
    """A learning action that cannot be done; the message is meant for the learner (French by default)."""


@dataclass(frozen=True)
class LessonPlace:
    lesson: LessonPage
    module: ModulePage
    programme: ProgrammePage


def lesson_place(lesson: LessonPage) -> LessonPlace:
    """The lesson's module and programme (one query)."""
    steplen = Page.steplen
    module_path, programme_path = lesson.path[:-steplen], lesson.path[: -2 * steplen]
    pages = {page.path: page for page in Page.objects.filter(path__in=[module_path, programme_path]).specific()}
    return LessonPlace(lesson=lesson, module=pages[module_path], programme=pages[programme_path])


def learner_enrolments(*, learner, programme_id: int) -> list[Enrolment]:
    return list(enrolments_current_for(user=learner).filter(cohort__programme_id=programme_id))


def _learner_place(*, learner, lesson: LessonPage) -> tuple[LessonPlace, list[Enrolment]]:
    """The lesson's place, and the learner's enrolments in its programme; refuses what the learner may not open."""
    if not lesson.live:
        raise LearningError(_("This lesson is not available."))
    place = lesson_place(lesson)
    enrolments = learner_enrolments(learner=learner, programme_id=place.programme.pk)
    if not enrolments:
        raise LearningError(_("Your learning records are kept only for the programmes you are enrolled in."))
    decision = cms_access.lesson_decision(learner, lesson, place.programme, place.module)
    if not decision.allowed:
        raise LearningError(_("This lesson is not open for you yet."))
    return place, enrolments


# --- Progress ------------------------------------------------------------------------------------------------


def programme_totals(programme: ProgrammePage) -> dict:
    """How many live lessons the programme has, and how many of them complete with a quiz (one query)."""
    totals = (
        LessonPage.objects.live()
        .descendant_of(programme)
        .aggregate(lessons=Count("pk"), quizzes=Count("pk", filter=Q(completion_rule=CompletionRule.QUIZ_PASSED)))
    )
    return {"lessons": totals["lessons"] or 0, "quizzes": totals["quizzes"] or 0}


def _touch(enrolments: list[Enrolment], now) -> None:
    """Stamp the learner's last activity (one query once the progress rows exist)."""
    _woke(enrolments, now)
    updated = LearnerProgress.objects.filter(enrolment__in=enrolments).update(last_activity_at=now)
    if updated < len(enrolments):
        for enrolment in enrolments:
            LearnerProgress.objects.get_or_create(enrolment=enrolment, defaults={"last_activity_at": now})


def _woke(enrolments: list[Enrolment], now) -> None:
    """A learner without news for two weeks is back: the cohort dashboard's "without news" changes (their
    cohorts get a new version). Activity of a learner seen lately changes no figure, and bumps nothing."""
    cutoff = now - datetime.timedelta(days=DEFAULT_INACTIVE_DAYS)

    def last_activity(enrolment):  # read only when already loaded (`select_related("progress")`): no query
        if not Enrolment.progress.related.is_cached(enrolment):
            return None
        return getattr(getattr(enrolment, "progress", None), "last_activity_at", None)

    woke = [enrolment for enrolment in enrolments if (last_activity(enrolment) or cutoff) <= cutoff]
    cohort_changed(cohort_ids=[enrolment.cohort_id for enrolment in woke])


def _refresh_progress(*, place: LessonPlace, enrolments: list[Enrolment], learner, now) -> None:
    """Recount the learner's completions in one module, then roll the module rows up to the programme.

    Only the module where the completion happened is recounted (two aggregates), so the cost does not grow
    with the size of the programme.
    """
    counts = LessonCompletion.objects.filter(learner=learner, module=place.module, lesson__live=True).aggregate(
        lessons=Count("pk"), quizzes=Count("pk", filter=Q(lesson__completion_rule=CompletionRule.QUIZ_PASSED))
    )
    totals = programme_totals(place.programme)
    for enrolment in enrolments:
        ModuleProgress.objects.update_or_create(
            enrolment=enrolment,
            module=place.module,
            defaults={"lessons_done": counts["lessons"], "quizzes_done": counts["quizzes"], "last_activity_at": now},
        )
        rolled = ModuleProgress.objects.filter(
            enrolment=enrolment, module__path__startswith=place.programme.path
        ).aggregate(lessons=Sum("lessons_done"), quizzes=Sum("quizzes_done"))
        progress, _created = LearnerProgress.objects.select_for_update().get_or_create(enrolment=enrolment)
        progress.lessons_done = rolled["lessons"] or 0
        progress.quizzes_done = rolled["quizzes"] or 0
        progress.last_activity_at = now
        if totals["lessons"] and progress.lessons_done >= totals["lessons"] and progress.completed_at is None:
            progress.completed_at = now
        progress.save()
    cohort_changed(cohort_ids=[enrolment.cohort_id for enrolment in enrolments])
    learner_records_changed(learner_ids=[learner.pk])


# --- Completion ----------------------------------------------------------------------------------------------


@transaction.atomic
def lesson_complete(*, learner, lesson: LessonPage, how: str) -> tuple[LessonCompletion, bool]:
    """Record that the learner completed the lesson in the way its rule asks. Idempotent: a repeat returns the
    existing record (created=False) and counts nothing twice."""
    if how != lesson.completion_rule:
        raise LearningError(_("This lesson is completed in another way."))
    place, enrolments = _learner_place(learner=learner, lesson=lesson)
    now = timezone.now()
    existing = LessonCompletion.objects.filter(learner=learner, lesson=lesson).first()
    if existing is not None:
        _touch(enrolments, now)
        return existing, False
    completion = LessonCompletion(learner=learner, lesson=lesson, module=place.module, completed_at=now, how=how)
    completion.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError:  # the same learner completed it a moment ago, in another request
        _touch(enrolments, now)
        return LessonCompletion.objects.get(learner=learner, lesson=lesson), False
    _refresh_progress(place=place, enrolments=enrolments, learner=learner, now=now)
    return completion, True


ACTIVITY_RESOLUTION = datetime.timedelta(minutes=5)


def lesson_viewed(
    *, learner, lesson: LessonPage, enrolments: list[Enrolment] | None = None, completed: bool | None = None
) -> LessonCompletion | None:
    """A learner has read the lesson's body: completes a "viewed" lesson, and counts as activity otherwise.
    Returns the completion it created, if any.

    The lesson page passes the learner's `enrolments` (with `progress` selected) and whether the lesson is
    `completed` once it has granted access, so that re-reading a lesson costs no query: the activity stamp is
    refreshed at most every few minutes.
    """
    try:
        if lesson.completion_rule == CompletionRule.VIEWED:
            if completed is None:
                completed = LessonCompletion.objects.filter(learner=learner, lesson=lesson).exists()
            if not completed:
                return lesson_complete(learner=learner, lesson=lesson, how=CompletionRule.VIEWED)[0]
        now = timezone.now()
        if enrolments is None:
            _place, enrolments = _learner_place(learner=learner, lesson=lesson)
        stale = [
            enrolment
            for enrolment in enrolments
            if getattr(getattr(enrolment, "progress", None), "last_activity_at", None) is None
            or enrolment.progress.last_activity_at < now - ACTIVITY_RESOLUTION
        ]
        if stale:
            _touch(stale, now)
    except LearningError:
        return None
    return None


# --- Quizzes -------------------------------------------------------------------------------------------------


def lesson_quizzes(lesson: LessonPage) -> dict[str, object]:
    """The lesson's quiz blocks by their stable id."""
    return {block.id: block.value for block in lesson.body if block.block_type == "quiz"}


def quiz_attempts_used(*, learner, lesson: LessonPage, quiz_id: str) -> int:
    return QuizAttempt.objects.filter(learner=learner, lesson=lesson, quiz_id=quiz_id).count()


def quiz_token(*, learner, lesson: LessonPage, quiz_id: str) -> str | None:
    """A signed token for the learner's next attempt, or None when no attempt is left."""
    quiz = lesson_quizzes(lesson).get(quiz_id)
    if quiz is None:
        return None
    used = quiz_attempts_used(learner=learner, lesson=lesson, quiz_id=quiz_id)
    if used >= quiz["max_attempts"]:
        return None
    return signing.dumps({"u": learner.pk, "l": lesson.pk, "q": quiz_id, "n": used + 1}, salt=QUIZ_TOKEN_SALT)


def _clean_answers(quiz, answers) -> dict[str, set[str]]:
    """Check a submission against the quiz's own ids: every question answered, no unknown id, one choice where
    only one may be ticked."""
    if not isinstance(answers, dict):
        raise LearningError(_("The answers could not be read. Please reload the quiz and try again."))
    questions = {question.id: question for question in quiz["questions"].bound_blocks}
    if set(answers) - set(questions):
        raise LearningError(_("These answers do not match this quiz. Please reload the quiz and try again."))
    cleaned: dict[str, set[str]] = {}
    for question_id, question in questions.items():
        ticked = answers.get(question_id) or []
        if isinstance(ticked, str):
            ticked = [ticked]
        if not isinstance(ticked, list | tuple | set) or not all(isinstance(choice, str) for choice in ticked):
            raise LearningError(_("The answers could not be read. Please reload the quiz and try again."))
        ticked = set(ticked)
        if not ticked:
            raise LearningError(_("Please answer every question before sending."))
        choice_ids = {choice.id for choice in question.value["choices"].bound_blocks}
        if ticked - choice_ids:
            raise LearningError(_("These answers do not match this quiz. Please reload the quiz and try again."))
        if question.value["kind"] != QuestionKind.MULTIPLE and len(ticked) > 1:
            raise LearningError(_("Only one answer may be chosen for this question."))
        cleaned[question_id] = ticked
    return cleaned


@transaction.atomic
def quiz_submit(*, learner, lesson: LessonPage, quiz_id: str, token: str, answers: dict) -> tuple[QuizAttempt, dict]:
    """Score a quiz attempt on the server, keep it, and complete the lesson when its rule asks for a pass.

    The token names the attempt (learner, lesson, quiz, number): sending it again, or an old one, is refused and
    changes nothing. Returns the attempt and the scored result (with feedback per question).
    """
    quiz = lesson_quizzes(lesson).get(quiz_id)
    if quiz is None:
        raise LearningError(_("This quiz does not exist (any more) in this lesson."))
    place, enrolments = _learner_place(learner=learner, lesson=lesson)
    try:
        claims = signing.loads(token or "", salt=QUIZ_TOKEN_SALT, max_age=QUIZ_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LearningError(_("This quiz page was open for too long. Please reload it and answer again.")) from error
    except signing.BadSignature as error:
        raise LearningError(_("This quiz form is not valid. Please reload the quiz and try again.")) from error
    if claims.get("u") != learner.pk or claims.get("l") != lesson.pk or claims.get("q") != quiz_id:
        raise LearningError(_("This quiz form is not valid. Please reload the quiz and try again."))
    # Serialise this learner's submissions: lock their progress row(s) before counting attempts.
    for enrolment in enrolments:
        LearnerProgress.objects.get_or_create(enrolment=enrolment)
    list(LearnerProgress.objects.select_for_update().filter(enrolment__in=enrolments))
    used = quiz_attempts_used(learner=learner, lesson=lesson, quiz_id=quiz_id)
    if claims.get("n") != used + 1:
        raise LearningError(_("These answers have already been sent. Your result is shown below."))
    if used >= quiz["max_attempts"]:
        raise LearningError(_("You have used all the attempts for this quiz."))
    cleaned = _clean_answers(quiz, answers)
    result = quiz_score(quiz, cleaned)
    now = timezone.now()
    attempt = QuizAttempt(
        learner=learner,
        lesson=lesson,
        module=place.module,
        quiz_id=quiz_id,
        number=used + 1,
        answers={question_id: sorted(ticked) for question_id, ticked in cleaned.items()},
        points=result["points"],
        out_of=result["out_of"],
        percent=result["percent"],
        passed=result["passed"],
        submitted_at=now,
    )
    attempt.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError as error:
        raise LearningError(_("These answers have already been sent. Your result is shown below.")) from error
    _touch(enrolments, now)
    learner_records_changed(learner_ids=[learner.pk])  # an attempt keeps its module open
    if result["passed"] and lesson.completion_rule == CompletionRule.QUIZ_PASSED:
        passed_ids = set(
            QuizAttempt.objects.filter(learner=learner, lesson=lesson, passed=True).values_list("quiz_id", flat=True)
        )
        if set(lesson_quizzes(lesson)) <= passed_ids:
            lesson_complete(learner=learner, lesson=lesson, how=CompletionRule.QUIZ_PASSED)
    return attempt, result


def quiz_result_for(*, attempt: QuizAttempt, lesson: LessonPage) -> dict | None:
    """The scored result of a kept attempt (feedback per question), for showing it again."""
    quiz = lesson_quizzes(lesson).get(attempt.quiz_id)
    if quiz is None:
        return None
    return quiz_score(quiz, {question_id: set(ticked) for question_id, ticked in attempt.answers.items()})


# --- Journal -------------------------------------------------------------------------------------------------


def lesson_reflections(lesson: LessonPage) -> dict[str, object]:
    return {block.id: block.value for block in lesson.body if block.block_type == "reflection"}


@transaction.atomic
def journal_entry_write(
    *, learner, body: str, title: str = "", lesson: LessonPage | None = None, prompt_id: str = ""
) -> JournalEntry:
    """Write a journal entry, free or against one of a lesson's reflection prompts (private until shared)."""
    body = (body or "").strip()
    if not body:
        raise LearningError(_("Please write something before saving."))
    entry = JournalEntry(learner=learner, title=(title or "").strip(), body=body)
    enrolments: list[Enrolment] = []
    if lesson is not None:
        place, enrolments = _learner_place(learner=learner, lesson=lesson)
        entry.lesson, entry.module = lesson, place.module
        if prompt_id:
            reflection = lesson_reflections(lesson).get(prompt_id)
            if reflection is None:
                raise LearningError(_("This reflection prompt does not exist (any more) in this lesson."))
            entry.prompt_id, entry.prompt = prompt_id, reflection["prompt"]
    elif prompt_id:
        raise LearningError(_("This reflection prompt does not exist (any more) in this lesson."))
    try:
        entry.full_clean()
    except ValidationError as error:
        raise LearningError(" ".join(error.messages)) from error
    entry.save()
    if enrolments:
        _touch(enrolments, timezone.now())
        learner_records_changed(learner_ids=[learner.pk])  # an entry on a lesson keeps its module open
    if entry.prompt_id and lesson.completion_rule == CompletionRule.REFLECTION_WRITTEN:
        lesson_complete(learner=learner, lesson=lesson, how=CompletionRule.REFLECTION_WRITTEN)
    return entry


def _own_entry(entry: JournalEntry, learner) -> JournalEntry:
    if entry.learner_id != learner.pk:
        raise LearningError(_("This journal entry is not yours."))
    return JournalEntry.objects.select_for_update().get(pk=entry.pk)


@transaction.atomic
def journal_entry_update(*, entry: JournalEntry, learner, body: str, title: str = "") -> JournalEntry:
    entry = _own_entry(entry, learner)
    body = (body or "").strip()
    if not body:
        raise LearningError(_("Please write something before saving."))
    entry.title, entry.body = (title or "").strip(), body
    try:
        entry.full_clean()
    except ValidationError as error:
        raise LearningError(" ".join(error.messages)) from error
    entry.save()
    return entry


@transaction.atomic
def journal_entry_delete(*, entry: JournalEntry, learner) -> None:
    _own_entry(entry, learner).delete()
    learner_records_changed(learner_ids=[learner.pk])


@transaction.atomic
def journal_entry_share(*, entry: JournalEntry, learner) -> JournalEntry:
    """Share one entry with the coordinators of the learner's cohorts (idempotent)."""
    entry = _own_entry(entry, learner)
    if entry.shared_at is None:
        entry.shared_at = timezone.now()
        entry.save(update_fields=["shared_at", "updated_at"])
    return entry


@transaction.atomic
def journal_entry_unshare(*, entry: JournalEntry, learner) -> JournalEntry:
    """Withdraw the share: the entry is private again."""
    entry = _own_entry(entry, learner)
    if entry.shared_at is not None:
        entry.shared_at = None
        entry.save(update_fields=["shared_at", "updated_at"])
    return entry


# --- Attestation ---------------------------------------------------------------------------------------------


@transaction.atomic
def attestation_issue(*, enrolment: Enrolment, learner) -> Attestation:
    """The learner's attestation de suivi, issued once when every lesson of the programme is completed."""
    if enrolment.learner_id != learner.pk:
        raise LearningError(_("This attestation is not yours."))
    existing = Attestation.objects.filter(enrolment=enrolment, kind=AttestationKind.FOLLOW_UP).first()
    if existing is not None:
        return existing
    progress = LearnerProgress.objects.filter(enrolment=enrolment).first()
    if progress is None or progress.completed_at is None:
        raise LearningError(_("The attestation is available once every lesson of the programme is completed."))
    return attestation_services.attestation_issue(
        kind=AttestationKind.FOLLOW_UP,
        enrolment=enrolment,
        attested_on=timezone.localdate(progress.completed_at),
        template="lms/attestation.html",
    )


# --- Activity probe ------------------------------------------------------------------------------------------


@transaction.atomic
def progress_rebuild(*, enrolment: Enrolment) -> LearnerProgress:
    """Recount an enrolment's stored progress from its completions (a repair tool, the demo and the benchmark
    use it; day-to-day progress is kept up to date by `lesson_complete`). Keeps `last_activity_at` unless it
    is older than the last completion."""
    programme = enrolment.cohort.programme
    counts = {
        row["module_id"]: row
        for row in LessonCompletion.objects.filter(
            learner_id=enrolment.learner_id, lesson__live=True, module__path__startswith=programme.path
        )
        .values("module_id")
        .annotate(
            lessons=Count("pk"),
            quizzes=Count("pk", filter=Q(lesson__completion_rule=CompletionRule.QUIZ_PASSED)),
            last=Max("completed_at"),
        )
    }
    ModuleProgress.objects.filter(enrolment=enrolment).exclude(module_id__in=list(counts)).delete()
    for module_id, row in counts.items():
        ModuleProgress.objects.update_or_create(
            enrolment=enrolment,
            module_id=module_id,
            defaults={"lessons_done": row["lessons"], "quizzes_done": row["quizzes"], "last_activity_at": row["last"]},
        )
    progress, _created = LearnerProgress.objects.select_for_update().get_or_create(enrolment=enrolment)
    progress.lessons_done = sum(row["lessons"] for row in counts.values())
    progress.quizzes_done = sum(row["quizzes"] for row in counts.values())
    last = max((row["last"] for row in counts.values()), default=None)
    if last and (progress.last_activity_at is None or progress.last_activity_at < last):
        progress.last_activity_at = last
    total = programme_totals(programme)["lessons"]
    if total and progress.lessons_done >= total:
        progress.completed_at = progress.completed_at or last
    else:
        progress.completed_at = None
    progress.save()
    cohort_changed(cohort_ids=[enrolment.cohort_id])
    learner_records_changed(learner_ids=[enrolment.learner_id])
    return progress
