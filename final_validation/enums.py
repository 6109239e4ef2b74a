from django.db import models
from django.utils.translation import gettext_lazy as _


class JuryOutcome(models.TextChoices):
    """The final jury's decision for one learner."""

    AWARDED = "awarded", _("Diploma awarded")
    DEFERRED = "deferred", _("Validation deferred")
    NOT_AWARDED = "not_awarded", _("Not awarded")


class BlockOutcome(models.TextChoices):
    """The final jury's decision about one block of competencies for one learner."""

    VALIDATED = "validated", _("Block validated")
    DEFERRED = "deferred", _("Block deferred")
