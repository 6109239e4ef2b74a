from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    INCOMPLETE = "incomplete", _("Incomplete")
    COMPLETE = "complete", _("Complete")
    UNDER_REVIEW = "under_review", _("Under review")
    INTERVIEW_INVITED = "interview_invited", _("Invited to an interview")
    INTERVIEWED = "interviewed", _("Interviewed")
    DELIBERATED = "deliberated", _("Deliberated")
    ADMITTED = "admitted", _("Admitted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REFUSED = "refused", _("Not selected")
    ENROLLED = "enrolled", _("Place confirmed")
    DECLINED = "declined", _("Place not taken")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")


S = ApplicationStatus

# The application workflow of the product (docs/product.md), as an explicit table.
# - under_review -> deliberated: a dossier may be decided without an interview (refused on the dossier).
# - waitlisted -> admitted: the waiting list moves up when a place frees.
# - admitted -> enrolled / declined: the offer was confirmed, or declined / expired / withdrawn by the jury.
# - withdrawn: from every open state (the candidate, or a coordinator on their behalf).
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset({S.INCOMPLETE, S.COMPLETE, S.WITHDRAWN}),
    S.INCOMPLETE: frozenset({S.SUBMITTED, S.WITHDRAWN}),
    S.COMPLETE: frozenset({S.UNDER_REVIEW, S.WITHDRAWN}),
    S.UNDER_REVIEW: frozenset({S.INTERVIEW_INVITED, S.DELIBERATED, S.WITHDRAWN}),
    S.INTERVIEW_INVITED: frozenset({S.INTERVIEWED, S.WITHDRAWN}),
    S.INTERVIEWED: frozenset({S.DELIBERATED, S.WITHDRAWN}),
    S.DELIBERATED: frozenset({S.ADMITTED, S.WAITLISTED, S.REFUSED, S.WITHDRAWN}),
    S.ADMITTED: frozenset({S.ENROLLED, S.DECLINED, S.WITHDRAWN}),
    S.WAITLISTED: frozenset({S.ADMITTED, S.WITHDRAWN}),
    S.REFUSED: frozenset(),
    S.ENROLLED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

OPEN_APPLICATION_STATUSES = frozenset(s for s, targets in APPLICATION_TRANSITIONS.items() if S.WITHDRAWN in targets)
# Statuses in which the candidate may still edit the dossier.
EDITABLE_APPLICATION_STATUSES = frozenset({S.DRAFT, S.INCOMPLETE})
# The jury reads and scores the dossier in these states.
REVIEWABLE_APPLICATION_STATUSES = frozenset({S.UNDER_REVIEW, S.INTERVIEW_INVITED, S.INTERVIEWED})
# Statuses that no longer count as "the candidate's application in this round".
DEAD_APPLICATION_STATUSES = frozenset({S.WITHDRAWN})
# Closed without a place: anonymised after the round's retention period (a declined or expired offer ends in
# DECLINED). Enrolled candidates' dossiers follow the learner's record instead.
ANONYMISED_APPLICATION_STATUSES = frozenset({S.REFUSED, S.WITHDRAWN, S.DECLINED})


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("To be checked")
    VALIDATED = "validated", _("Validated")
    REFUSED = "refused", _("To be replaced")


class DecisionOutcome(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    WAITLISTED = "waitlisted", _("Waiting list")
    REFUSED = "refused", _("Not selected")


# The juror's list filter: dossiers whose review of theirs is still to submit, or is submitted.
JURY_TO_REVIEW, JURY_REVIEWED = "to_review", "reviewed"
# The ranking board's filter for the dossiers that have no decision recorded yet.
RANKING_UNDECIDED = "undecided"


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Awaiting answer")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", pgettext_lazy("offer status", "Withdrawn")


OFFER_TRANSITIONS: dict[str, frozenset[str]] = {
    OfferStatus.OPEN: frozenset(
        {OfferStatus.CONFIRMED, OfferStatus.DECLINED, OfferStatus.EXPIRED, OfferStatus.WITHDRAWN}
    ),
    OfferStatus.CONFIRMED: frozenset(),
    OfferStatus.DECLINED: frozenset(),
    OfferStatus.EXPIRED: frozenset(),
    OfferStatus.WITHDRAWN: frozenset(),
}
# Offers that hold a place in the round.
PLACE_HOLDING_OFFER_STATUSES = frozenset({OfferStatus.OPEN, OfferStatus.CONFIRMED})


# A document checked again keeps the coordinator's last word; a new upload puts it back to be checked.
D = DocumentStatus
DOCUMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    D.PENDING: frozenset({D.VALIDATED, D.REFUSED}),
    D.VALIDATED: frozenset({D.VALIDATED, D.REFUSED, D.PENDING}),
    D.REFUSED: frozenset({D.VALIDATED, D.REFUSED, D.PENDING}),
}
