"""Writes for the release calendar: when each module opens for a cohort, and for one learner."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import ModulePage
from cohorts.changes import cohort_changed
from cohorts.models import Cohort, Enrolment
from lms.models import ModuleRelease, ModuleReleaseOverride
from lms.versions import cohort_calendar_changed, learner_records_changed


class CalendarError(Exception):
    """A calendar change that cannot be made; the message is meant for the coordinator."""


def _check_module(cohort: Cohort, module: ModulePage) -> None:
    if not ModulePage.objects.child_of(cohort.programme).filter(pk=module.pk).exists():
        raise CalendarError(_("This module does not belong to the cohort's programme."))


def _check_coordinator(cohort: Cohort, by) -> None:
    if not by.has_perm("lms.manage_cohort_calendar", cohort):
        raise CalendarError(_("Only the coordinators of this cohort can change its calendar."))


@transaction.atomic
def cohort_calendar_save(*, cohort: Cohort, opening_dates: dict[int, date | None], by) -> None:
    """Set each module's opening date for the cohort; None puts the module back on the cohort's start date."""
    _check_coordinator(cohort, by)
    modules = {module.pk: module for module in ModulePage.objects.child_of(cohort.programme)}
    for module_id, opens_on in opening_dates.items():
        module = modules.get(module_id)
        if module is None:
            raise CalendarError(_("This module does not belong to the cohort's programme."))
        if opens_on is None:
            ModuleRelease.objects.filter(cohort=cohort, module=module).delete()
            continue
        release = ModuleRelease.objects.filter(cohort=cohort, module=module).first() or ModuleRelease(
            cohort=cohort, module=module
        )
        release.opens_on, release.updated_by = opens_on, by
        release.full_clean()
        release.save()
    cohort_calendar_changed(cohort_id=cohort.pk)
    cohort_changed(cohort_ids=[cohort.pk])


@transaction.atomic
def module_release_override_set(
    *, enrolment: Enrolment, module: ModulePage, opens_on: date, reason: str = "", by
) -> ModuleReleaseOverride:
    """Give one learner their own opening date for a module (an extension, or an earlier opening)."""
    _check_coordinator(enrolment.cohort, by)
    _check_module(enrolment.cohort, module)
    override = ModuleReleaseOverride.objects.filter(enrolment=enrolment, module=module).first()
    override = override or ModuleReleaseOverride(enrolment=enrolment, module=module)
    override.opens_on, override.reason, override.updated_by = opens_on, reason, by
    try:
        override.full_clean()
    except ValidationError as error:
        raise CalendarError(" ".join(error.messages)) from error
    override.save()
    learner_records_changed(learner_ids=[enrolment.learner_id])
    cohort_changed(cohort_ids=[enrolment.cohort_id])
    return override


@transaction.atomic
def module_release_override_delete(*, override: ModuleReleaseOverride, by) -> None:
    """Remove a learner's own date: the cohort's date applies again."""
    _check_coordinator(override.enrolment.cohort, by)
    override.delete()
    learner_records_changed(learner_ids=[override.enrolment.learner_id])
    cohort_changed(cohort_ids=[override.enrolment.cohort_id])


# The learning records' writes live in lms.records (one module per concern); they are the same services.
from lms.records import (  # noqa: E402
    LearningError,
    attestation_issue,
    journal_entry_delete,
    journal_entry_share,
    journal_entry_unshare,
    journal_entry_update,
    journal_entry_write,
    lesson_complete,
    lesson_viewed,
    quiz_submit,
)

__all__ = [
    "CalendarError",
    "LearningError",
    "attestation_issue",
    "cohort_calendar_save",
    "journal_entry_delete",
    "journal_entry_share",
    "journal_entry_unshare",
    "journal_entry_update",
    "journal_entry_write",
    "lesson_complete",
    "lesson_viewed",
    "module_release_override_delete",
    "module_release_override_set",
    "quiz_submit",
]
