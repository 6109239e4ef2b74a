from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.enums import CompletionRule


class ModuleRelease(models.Model):
    """The date a module opens for a whole cohort, set by its coordinator.

    Without a row, a module opens on the cohort's start date.
    """

    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.CASCADE, related_name="module_releases", verbose_name=_("cohort")
    )
    module = models.ForeignKey(
        "cms.ModulePage", on_delete=models.CASCADE, related_name="releases", verbose_name=_("module")
    )
    opens_on = models.DateField(_("opens on"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("module opening date")
        verbose_name_plural = _("module opening dates")
        ordering = ["cohort", "opens_on"]
        constraints = [models.UniqueConstraint(fields=["cohort", "module"], name="module_release_unique_per_cohort")]

    def __str__(self) -> str:
        return f"{self.module.title} — {self.cohort.label}: {self.opens_on:%d/%m/%Y}"


class ModuleReleaseOverride(models.Model):
    """One learner's own opening date for a module: an extension (later) or an earlier opening."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="module_overrides", verbose_name=_("enrolment")
    )
    module = models.ForeignKey(
        "cms.ModulePage", on_delete=models.CASCADE, related_name="release_overrides", verbose_name=_("module")
    )
    opens_on = models.DateField(_("opens on"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("learner's own opening date")
        verbose_name_plural = _("learners' own opening dates")
        ordering = ["enrolment", "opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_override_unique_per_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.learner} — {self.module.title}: {self.opens_on:%d/%m/%Y}"


class LessonCompletion(models.Model):
    """A lesson a learner has completed, once, according to the lesson's completion rule."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions", verbose_name=_("learner")
    )
    lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.CASCADE, related_name="completions", verbose_name=_("lesson")
    )
    # Denormalised from the page tree so that progress and the activity probe read one table.
    module = models.ForeignKey("cms.ModulePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("module"))
    completed_at = models.DateTimeField(_("completed at"))
    how = models.CharField(_("how it was earned"), max_length=30, choices=CompletionRule.choices)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        ordering = ["-completed_at"]
        constraints = [models.UniqueConstraint(fields=["learner", "lesson"], name="lesson_completion_unique")]
        indexes = [models.Index(fields=["learner", "module"])]

    def __str__(self) -> str:
        return f"{self.learner} — {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submitted attempt at a lesson's quiz, scored on the server. `number` makes a replay impossible."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("learner")
    )
    lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("lesson")
    )
    module = models.ForeignKey("cms.ModulePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("module"))
    quiz_id = models.CharField(_("quiz id"), max_length=64)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    answers = models.JSONField(_("answers"), default=dict)
    points = models.PositiveSmallIntegerField(_("points"))
    out_of = models.PositiveSmallIntegerField(_("out of"))
    percent = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["learner", "lesson", "quiz_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson", "quiz_id", "number"], name="quiz_attempt_unique"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="quiz_attempt_number_positive",
                violation_error_message=_("An attempt's number starts at 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.lesson_id} #{self.number}"


class JournalEntry(models.Model):
    """An entry of a learner's reflective journal: private unless the learner shares it with the coordinators."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries", verbose_name=_("learner")
    )
    lesson = models.ForeignKey(
        "cms.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_entries",
        verbose_name=_("lesson"),
    )
    module = models.ForeignKey(
        "cms.ModulePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("module")
    )
    prompt_id = models.CharField(_("prompt id"), max_length=64, blank=True)
    prompt = models.TextField(_("prompt"), blank=True, help_text=_("The reflection prompt, as it read when written."))
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    shared_at = models.DateTimeField(_("shared with the coordinators at"), null=True, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(prompt_id="") | models.Q(lesson__isnull=False),
                name="journal_prompt_needs_lesson",
                violation_error_message=_("A journal entry that answers a question belongs to that question's lesson."),
            )
        ]

    def __str__(self) -> str:
        return self.title or f"{self.created_at:%d/%m/%Y}"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None


class LearnerProgress(models.Model):
    """Where a learner stands in their programme, kept up to date by the completion service.

    `last_activity_at` is the last time the learner did something recorded (the inactivity reminders use it).
    """

    enrolment = models.OneToOneField(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="progress", verbose_name=_("enrolment")
    )
    lessons_done = models.PositiveIntegerField(_("lessons completed"), default=0)
    quizzes_done = models.PositiveIntegerField(_("quiz lessons completed"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True, db_index=True)
    completed_at = models.DateTimeField(_("programme completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learner progress")
        verbose_name_plural = _("learner progress")

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.lessons_done}"


class ModuleProgress(models.Model):
    """A learner's progress in one module (per enrolment), updated when a completion happens."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="module_progress", verbose_name=_("enrolment")
    )
    module = models.ForeignKey("cms.ModulePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("module"))
    lessons_done = models.PositiveIntegerField(_("lessons completed"), default=0)
    quizzes_done = models.PositiveIntegerField(_("quiz lessons completed"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="module_progress_unique")]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.module_id}: {self.lessons_done}"
