"""Writes about enrolments: the enrolment machine.

`active -> deferred -> active`, `active -> withdrawn` (with a reason), `active -> completed` when the final jury
awards the diploma (and back to active if the jury replaces that award). Every move goes through
`enrolment_transition` (`core.workflow.transition`: row lock, table check, stamp, history row). A withdrawn or
deferred learner gets no more reminders (every reminder rule checks that the enrolment is active); what they
wrote (journal, time logs, dossier) is kept.
"""

from django.utils.translation import gettext as _

from cohorts.changes import cohort_changed
from cohorts.enums import ENROLMENT_TRANSITIONS, EnrolmentStatus
from cohorts.models import Enrolment, EnrolmentTransition
from cohorts.selectors import cohorts_coordinated_by
from core import workflow


class EnrolmentError(Exception):
    """A move of an enrolment that cannot be done; the message is meant for the coordinator."""


_history = workflow.history_row(EnrolmentTransition, parent="enrolment")


def _check_coordinator(*, enrolment: Enrolment, by) -> None:
    if by is None or not cohorts_coordinated_by(user=by).filter(pk=enrolment.cohort_id).exists():
        raise EnrolmentError(_("Only the coordinators of this cohort can change a learner's enrolment."))


def enrolment_transition(*, enrolment: Enrolment, to_status: str, by=None, note: str = "") -> Enrolment:
    """The one way an enrolment changes status: lock, check the table, stamp, save, write history."""
    note = (note or "").strip()

    def stamp(locked: Enrolment, from_status: str, now) -> list[str]:
        locked.status_changed_at = now
        if to_status == EnrolmentStatus.WITHDRAWN:
            locked.withdrawal_reason = note
        return ["status_changed_at", "withdrawal_reason"]

    workflow.transition(
        enrolment,
        to_status=to_status,
        transitions=ENROLMENT_TRANSITIONS,
        by=by,
        note=note,
        choices=EnrolmentStatus,
        error=EnrolmentError,
        message=_("An enrolment cannot go from “%(from)s” to “%(to)s”."),
        stamp=stamp,
        history=_history,
    )
    cohort_changed(cohort_ids=[enrolment.cohort_id])
    return enrolment


def enrolment_withdraw(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    """The learner leaves the cohort. The reason is required and kept on the enrolment and in its history."""
    _check_coordinator(enrolment=enrolment, by=by)
    if not (reason or "").strip():
        raise EnrolmentError(_("Give the reason for the withdrawal: it is kept in the learner's record."))
    return enrolment_transition(enrolment=enrolment, to_status=EnrolmentStatus.WITHDRAWN, by=by, note=reason)


def enrolment_defer(*, enrolment: Enrolment, by, note: str = "") -> Enrolment:
    """The learner pauses their training; they can come back to the same cohort (`enrolment_resume`)."""
    _check_coordinator(enrolment=enrolment, by=by)
    return enrolment_transition(enrolment=enrolment, to_status=EnrolmentStatus.DEFERRED, by=by, note=note)


def enrolment_resume(*, enrolment: Enrolment, by, note: str = "") -> Enrolment:
    """A deferred learner comes back to their cohort. Refused when they have since been enrolled in another
    cohort of the same programme (that enrolment is the one they follow)."""
    _check_coordinator(enrolment=enrolment, by=by)
    elsewhere = (
        Enrolment.objects.filter(learner_id=enrolment.learner_id, cohort__programme_id=enrolment.cohort.programme_id)
        .exclude(pk=enrolment.pk)
        .filter(status=EnrolmentStatus.ACTIVE)
        .exists()
    )
    if elsewhere:
        raise EnrolmentError(_("This learner now follows another cohort of the programme: they cannot come back here."))
    return enrolment_transition(enrolment=enrolment, to_status=EnrolmentStatus.ACTIVE, by=by, note=note)


def enrolment_complete(*, enrolment: Enrolment, by, note: str = "") -> Enrolment:
    """The final jury awarded the diploma (called by the final validation)."""
    return enrolment_transition(enrolment=enrolment, to_status=EnrolmentStatus.COMPLETED, by=by, note=note)
