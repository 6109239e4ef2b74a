from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DEFERRED = "deferred", _("Deferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


E = EnrolmentStatus
# The enrolment machine (`cohorts.services.enrolment_transition`). A completed enrolment goes back to active
# only when the final jury replaces its award by another decision.
ENROLMENT_TRANSITIONS: dict[str, set[str]] = {
    E.ACTIVE: {E.DEFERRED, E.WITHDRAWN, E.COMPLETED},
    E.DEFERRED: {E.ACTIVE},
    E.WITHDRAWN: set(),
    E.COMPLETED: {E.ACTIVE},
}
