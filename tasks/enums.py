"""Choices of the reminder engine, and the outbox state machine's transition table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    CANDIDATE = "candidate", _("Candidates")
    JURY = "jury", _("Jury members")
    LEARNER = "learner", _("Learners")
    TUTOR = "tutor", _("Tutors")
    COORDINATOR = "coordinator", _("Coordinators")


class OffsetUnit(models.TextChoices):
    DAYS = "days", _("calendar days")
    BUSINESS_DAYS = "business_days", _("business days")


class Delivery(models.TextChoices):
    """How an item reaches its recipient: its own e-mail, or a line in the recipient's next digest."""

    EMAIL = "email", _("Own e-mail")
    DIGEST = "digest", _("Line in a digest")


class OutboxKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder")
    DIGEST = "digest", _("Digest")
    ESCALATION = "escalation", _("Escalation")
    MESSAGE = "message", _("Message")


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


# Allowed moves of an outbox row. SENDING -> PENDING is the reaper (a worker died) or a postponement
# (quiet hours reached between claim and send); PENDING -> SENT is a digest line sent within its digest.
OUTBOX_TRANSITIONS: dict[str, frozenset[str]] = {
    OutboxState.PENDING: frozenset({OutboxState.SENDING, OutboxState.SENT, OutboxState.CANCELLED}),
    OutboxState.SENDING: frozenset({OutboxState.SENT, OutboxState.FAILED, OutboxState.PENDING, OutboxState.CANCELLED}),
    OutboxState.FAILED: frozenset({OutboxState.PENDING, OutboxState.CANCELLED}),
    OutboxState.CANCELLED: frozenset({OutboxState.PENDING}),
    OutboxState.SENT: frozenset(),
}


class PreparedFileStatus(models.TextChoices):
    """Where a file asked for (a long export, a large PDF) stands: queued, being built, ready, or failed."""

    QUEUED = "queued", _("Waiting for its turn")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
