"""Statuses and choices of the internship domain, with the explicit transition tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HostKind(models.TextChoices):
    PSYCHIATRIC_HOSPITAL = "psychiatric_hospital", _("Psychiatric hospital")
    ASSOCIATION = "association", _("Association")
    MEDICO_SOCIAL = "medico_social", _("Medico-social service")
    GEM = "gem", _("Mutual-aid group (GEM)")
    HOUSING = "housing", _("Housing programme")
    OTHER = "other", _("Other")


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED_BY_COORDINATOR = "approved_by_coordinator", _("Approved by the coordinator")
    APPROVED_BY_TUTOR = "approved_by_tutor", _("Approved by the tutor")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    IN_PROGRESS = "in_progress", _("In progress")
    MIDPOINT_REVIEW = "midpoint_review", _("Mid-point review")
    FINAL_REVIEW = "final_review", _("Final review")
    VALIDATED = "validated", _("Validated")
    REFUSED = "refused", _("Refused")
    INTERRUPTED = "interrupted", _("Interrupted")
    CANCELLED = "cancelled", _("Cancelled")


S = PlacementStatus
PLACEMENT_TRANSITIONS: dict[str, set[str]] = {
    S.PROPOSED: {S.APPROVED_BY_COORDINATOR, S.REFUSED, S.CANCELLED},
    S.APPROVED_BY_COORDINATOR: {S.APPROVED_BY_TUTOR, S.REFUSED, S.CANCELLED},
    S.APPROVED_BY_TUTOR: {S.AGREEMENT_SIGNED, S.CANCELLED},
    S.AGREEMENT_SIGNED: {S.IN_PROGRESS, S.CANCELLED, S.INTERRUPTED},
    S.IN_PROGRESS: {S.MIDPOINT_REVIEW, S.INTERRUPTED},
    S.MIDPOINT_REVIEW: {S.FINAL_REVIEW, S.INTERRUPTED},
    S.FINAL_REVIEW: {S.VALIDATED, S.INTERRUPTED},
    S.VALIDATED: set(),
    S.REFUSED: set(),
    S.INTERRUPTED: set(),
    S.CANCELLED: set(),
}
# A move into these needs a written reason.
REASON_REQUIRED = {S.REFUSED, S.INTERRUPTED, S.CANCELLED}
# Placements that occupy one of the tutor's three places (French law: at most three interns at a time).
TUTOR_OCCUPYING = {S.APPROVED_BY_TUTOR, S.AGREEMENT_SIGNED, S.IN_PROGRESS, S.MIDPOINT_REVIEW, S.FINAL_REVIEW}
# The placement is running: hours may be logged, evaluations filled.
RUNNING = {S.IN_PROGRESS, S.MIDPOINT_REVIEW, S.FINAL_REVIEW}
# Still alive (not finished one way or another).
OPEN = {
    S.PROPOSED,
    S.APPROVED_BY_COORDINATOR,
    S.APPROVED_BY_TUTOR,
    S.AGREEMENT_SIGNED,
    S.IN_PROGRESS,
    S.MIDPOINT_REVIEW,
    S.FINAL_REVIEW,
}
MAX_CONCURRENT_INTERNS = 3
MIN_PEERS_PER_TEAM = 2


class SignatureParty(models.TextChoices):
    LEARNER = "learner", _("Learner")
    TUTOR = "tutor", _("Tutor / host organisation")
    COORDINATOR = "coordinator", _("Coordinator")


# Parties sign the agreement in this order.
SIGNATURE_ORDER = [SignatureParty.LEARNER, SignatureParty.TUTOR, SignatureParty.COORDINATOR]


class AgreementKind(models.TextChoices):
    SIGNED_IN_APP = "signed_in_app", _("Signed in the application")
    SIGNED_OUTSIDE = "signed_outside", _("Signed outside the application")


class AmendmentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPLIED = "applied", _("Approved and applied")
    REFUSED = "refused", _("Refused")


class DayType(models.TextChoices):
    PRESENCE = "presence", _("Presence")
    TRAINING = "training", _("Training")
    AUTHORISED_ABSENCE = "authorised_absence", _("Authorised absence")
    SICKNESS = "sickness", _("Sickness")


# Only these count towards the placement's hours.
COUNTED_DAY_TYPES = {DayType.PRESENCE, DayType.TRAINING}
MAX_HOURS_PER_DAY = 12


class WeekStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the tutor")
    APPROVED = "approved", _("Approved")
    NEEDS_INFO = "needs_info", _("Needs information")
    REJECTED = "rejected", _("Rejected")


class Competency(models.TextChoices):
    ACTIVE_LISTENING = "active_listening", _("Active listening")
    SHARING_EXPERIENCE = "sharing_experience", _("Sharing one's experience with purpose")
    POSTURE_BOUNDARIES = "posture_boundaries", _("Posture and boundaries")
    ETHICS = "ethics", _("Ethics and confidentiality")
    TEAMWORK = "teamwork", _("Teamwork")
    CRISIS = "crisis", _("Crisis response")
    SELF_CARE = "self_care", _("Taking care of oneself")
    GUIDING = "guiding", _("Guiding people through the system")


class Level(models.IntegerChoices):
    NOT_YET = 1, _("Not yet acquired")
    EMERGING = 2, _("Emerging")
    ACQUIRED = 3, _("Acquired")
    CONFIDENT = 4, _("Confident")


class EvaluationKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    MIDPOINT = "midpoint", _("Mid-point evaluation (formative)")
    FINAL = "final", _("Final evaluation (summative)")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    COUNTERSIGNED = "countersigned", _("Counter-signed")


class LinkPurpose(models.TextChoices):
    APPROVE_PLACEMENT = "approve_placement", _("Approve the placement")
    SIGN_AGREEMENT = "sign_agreement", _("Sign the agreement")
    SIGN_OFF_WEEK = "sign_off_week", _("Sign off a week of hours")
    FILL_EVALUATION = "fill_evaluation", _("Fill an evaluation")
    SIGN_AMENDMENT = "sign_amendment", _("Approve an amendment")


class SessionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision")
    INTERVISION = "intervision", _("Intervision")


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FOLLOWED_UP = "followed_up", _("Being followed up")
    CLOSED = "closed", _("Closed")


# The smaller machines: each move goes through `core.workflow.check` before the status is set. A move to the
# same status is listed where the service allows it (a week answered again, an evaluation saved again).
W = WeekStatus
WEEK_TRANSITIONS: dict[str, set[str]] = {
    W.PENDING: {W.PENDING, W.APPROVED, W.NEEDS_INFO, W.REJECTED},
    W.NEEDS_INFO: {W.PENDING, W.APPROVED, W.NEEDS_INFO, W.REJECTED},
    W.REJECTED: {W.PENDING, W.APPROVED, W.NEEDS_INFO, W.REJECTED},
    W.APPROVED: set(),
}
EVALUATION_TRANSITIONS: dict[str, set[str]] = {
    EvaluationStatus.DRAFT: {EvaluationStatus.DRAFT, EvaluationStatus.SUBMITTED},
    EvaluationStatus.SUBMITTED: {EvaluationStatus.SUBMITTED, EvaluationStatus.COUNTERSIGNED},
    EvaluationStatus.COUNTERSIGNED: {EvaluationStatus.SUBMITTED},  # changed after the fact: counter-signed again
}
CONCERN_TRANSITIONS: dict[str, set[str]] = {
    ConcernStatus.OPEN: {ConcernStatus.FOLLOWED_UP, ConcernStatus.CLOSED},
    ConcernStatus.FOLLOWED_UP: {ConcernStatus.FOLLOWED_UP, ConcernStatus.CLOSED},
    ConcernStatus.CLOSED: set(),
}
AMENDMENT_TRANSITIONS: dict[str, set[str]] = {
    AmendmentStatus.PENDING: {AmendmentStatus.APPLIED, AmendmentStatus.REFUSED},
    AmendmentStatus.APPLIED: set(),
    AmendmentStatus.REFUSED: set(),
}
