"""Choices for cohort sessions ("regroupements") and attendance."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remote")
    HYBRID = "hybrid", _("Hybrid (in person and remote)")


class AttendanceStatus(models.TextChoices):
    """A learner's presence at one session. Not a workflow: the coordinator may correct it at any time."""

    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused absence")


# Statuses that count as "attended" in the attendance rate (a late arrival still attended).
ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
