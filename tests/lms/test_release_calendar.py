"""When a module opens for a learner: cohort date, the learner's own date, and work already done."""

import datetime

import pytest
from django.utils import timezone

from lms import services
from lms.access import (
    module_is_open_for,
    opening_dates_for,
)
from lms.models import ModuleRelease, ModuleReleaseOverride
from tests.factories import EnrolmentFactory, ModulePageFactory, ModuleReleaseFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def test_without_a_date_a_module_opens_with_the_cohort(cohort, module, learner):
    enrolment = learner.enrolments.get()
    assert opening_dates_for(enrolment, [module.pk]) == {module.pk: cohort.starts_on}
    assert module_is_open_for(enrolment, module)


def test_cohort_date_opens_the_module_on_that_day(cohort, module, learner):
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=days(3))
    enrolment = learner.enrolments.get()
    assert not module_is_open_for(enrolment, module)
    assert not module_is_open_for(enrolment, module, today=days(2))
    assert module_is_open_for(enrolment, module, today=days(3))


def test_learners_own_date_wins_both_ways(cohort, module, learner):
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=days(10))
    enrolment = learner.enrolments.get()
    override = ModuleReleaseOverride.objects.create(enrolment=enrolment, module=module, opens_on=days(-1))
    assert module_is_open_for(enrolment, module)  # earlier opening
    override.opens_on = days(20)
    override.save()
    assert not module_is_open_for(enrolment, module, today=days(15))  # extension
    assert module_is_open_for(enrolment, module, today=days(20))


def test_recorded_activity_keeps_a_module_open(cohort, module, learner):
    enrolment = learner.enrolments.get()
    ModuleReleaseFactory(cohort=cohort, module=module, opens_on=days(30))
    calls = []

    def probe(*, enrolment, module_ids):
        calls.append(list(module_ids))
        return {module.pk}

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("lms.access.modules_with_recorded_work", probe)
        assert module_is_open_for(enrolment, module)
        assert calls == [[module.pk]]


def test_open_modules_are_not_sent_to_the_probe(cohort, module, learner):
    calls = []

    def probe(*, enrolment, module_ids):
        calls.append(module_ids)
        return set()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("lms.access.modules_with_recorded_work", probe)
        assert module_is_open_for(learner.enrolments.get(), module)
    assert calls == []


def test_coordinator_saves_the_cohort_calendar(cohort, module, coordinator):
    services.cohort_calendar_save(cohort=cohort, opening_dates={module.pk: days(5)}, by=coordinator)
    release = ModuleRelease.objects.get(cohort=cohort, module=module)
    assert release.opens_on == days(5) and release.updated_by == coordinator
    services.cohort_calendar_save(cohort=cohort, opening_dates={module.pk: None}, by=coordinator)
    assert not ModuleRelease.objects.exists()


def test_calendar_refuses_another_cohorts_coordinator(cohort, module, other_cohort_coordinator):
    with pytest.raises(services.CalendarError, match="Seule la coordination de cette promotion peut"):
        services.cohort_calendar_save(cohort=cohort, opening_dates={module.pk: days(5)}, by=other_cohort_coordinator)
    assert not ModuleRelease.objects.exists()


def test_calendar_refuses_a_module_of_another_programme(cohort, module, coordinator):
    foreign = ModulePageFactory(parent=ProgrammePageFactory())
    with pytest.raises(services.CalendarError, match="Ce module n’appartient pas à la formation de cette"):
        services.cohort_calendar_save(
            cohort=cohort, opening_dates={module.pk: days(1), foreign.pk: days(2)}, by=coordinator
        )
    assert not ModuleRelease.objects.exists()  # nothing half-written


def test_override_for_a_learner_and_its_removal(cohort, module, coordinator):
    enrolment = EnrolmentFactory(cohort=cohort)
    override = services.module_release_override_set(
        enrolment=enrolment, module=module, opens_on=days(12), reason="Hospitalisation", by=coordinator
    )
    assert override.reason == "Hospitalisation"
    again = services.module_release_override_set(enrolment=enrolment, module=module, opens_on=days(2), by=coordinator)
    assert again.pk == override.pk and ModuleReleaseOverride.objects.get().opens_on == days(2)
    services.module_release_override_delete(override=again, by=coordinator)
    assert not ModuleReleaseOverride.objects.exists()


def test_database_keeps_one_date_per_cohort_and_module(cohort, module):
    from django.db import IntegrityError, transaction

    ModuleReleaseFactory(cohort=cohort, module=module)
    with pytest.raises(IntegrityError, match=r"(?is)unique.*cohort_id.*module_id"), transaction.atomic():
        ModuleRelease.objects.create(cohort=cohort, module=module, opens_on=days(1))
