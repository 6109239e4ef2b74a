from django.db import models
from django.utils.translation import gettext_lazy as _


class CompletionRule(models.TextChoices):
    """How a lesson counts as done (recorded by the learning records, not by cms)."""

    VIEWED = "viewed", _("Viewed")
    QUIZ_PASSED = "quiz_passed", _("Quiz passed")
    REFLECTION_WRITTEN = "reflection_written", _("Reflection written")
    MARKED_DONE = "marked_done", _("Marked as done by the learner")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
