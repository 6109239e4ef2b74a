"""The cohort's version (cohorts.changes): every write of what the coordinators' tables show gives the cohort a new
version once committed, and nothing else does."""

import datetime

import pytest
from django.utils import timezone

from cohorts.changes import cohort_version
from competencies.models import Block
from competencies.services import block_create, block_delete, block_update, competency_create, competency_delete
from final_validation.enums import BlockOutcome, JuryOutcome
from final_validation.services import block_decision_record, enrolment_defer_to_cohort, final_decision_record
from internships.grid import criteria_mapping_set
from lms.services import cohort_calendar_save, module_release_override_delete, module_release_override_set
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    HostSiteFactory,
    LessonPageFactory,
    ModulePageFactory,
    PlacementFactory,
    ProgrammePageFactory,
    TutorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed; returns whether the cohort got a new version."""

    def run(cohort, write) -> bool:
        before = cohort_version(cohort.pk)
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return cohort_version(cohort.pk) != before

    return run


def test_the_module_calendar_and_a_learners_own_date_change_the_version(commit, cohort, coordinator):
    module = ModulePageFactory(parent=cohort.programme)
    enrolment = EnrolmentFactory(cohort=cohort)
    later = cohort.starts_on + datetime.timedelta(days=30)
    assert commit(cohort, lambda: cohort_calendar_save(cohort=cohort, opening_dates={module.pk: later}, by=coordinator))
    override = None

    def set_override():
        nonlocal override
        override = module_release_override_set(enrolment=enrolment, module=module, opens_on=later, by=coordinator)

    assert commit(cohort, set_override)
    assert commit(cohort, lambda: module_release_override_delete(override=override, by=coordinator))


def test_a_block_decision_changes_the_version(commit, cohort, coordinator):
    block = Block.objects.create(programme=cohort.programme, code="BC1", title="Écouter")
    enrolment = EnrolmentFactory(cohort=cohort)
    assert commit(
        cohort,
        lambda: block_decision_record(
            enrolment=enrolment,
            block=block,
            outcome=BlockOutcome.VALIDATED,
            jury_date=max(cohort.starts_on, timezone.localdate()),
            by=coordinator,
        ),
    )


def test_a_learners_name_changes_the_version_of_their_cohorts_only(commit, cohort):
    learner = EnrolmentFactory(cohort=cohort).learner
    other = CohortFactory(programme=cohort.programme)

    def rename():
        learner.first_name = "Zoé"
        learner.save()

    assert not commit(other, rename)
    assert commit(cohort, rename)

    def login():
        learner.last_login = timezone.now()
        learner.save(update_fields=["last_login"])

    assert not commit(cohort, login)


def test_a_hosts_sites_or_tutors_name_changes_the_version_of_the_cohorts_placed_there(commit, cohort):
    placement = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort))
    placement.site = HostSiteFactory(host=placement.host)
    placement.save(update_fields=["site"])
    elsewhere = TutorFactory()

    def rename(thing):
        def write():
            thing.name = "Nouveau nom"
            thing.save()

        return write

    assert commit(cohort, rename(placement.host))
    assert commit(cohort, rename(placement.site))
    assert commit(cohort, rename(placement.tutor))
    assert not commit(cohort, rename(elsewhere))


def test_a_fragment_is_built_once_per_version_language_and_time_zone(commit, cohort):
    from django.utils import translation

    from cohorts.changes import cached_fragment, cohort_changed

    builds = []

    def read():
        return cached_fragment(
            "essai", cohort_ids=[cohort.pk], build=lambda: builds.append(1) or f"<p>{len(builds)}</p>"
        )

    assert read() == read() == "<p>1</p>"
    with translation.override("en"):
        assert read() == "<p>2</p>"
    with timezone.override("America/Cayenne"):
        assert read() == "<p>3</p>"
    assert commit(cohort, lambda: cohort_changed(cohort_ids=[cohort.pk]))
    assert read() == "<p>4</p>"


def test_fragments_kept_together_are_read_in_one_cache_read_and_built_again_together(commit, cohort, monkeypatch):
    from django.core.cache import cache
    from django.utils.safestring import SafeString

    from cms.models import outline_version
    from cohorts.changes import cached_fragments, cohort_changed

    builds = []

    def build():
        builds.append(1)
        return {"sessions": f"<p>séances {len(builds)}</p>", "internship": f"<p>stage {len(builds)}</p>"}

    outline = outline_version()
    first = cached_fragments("essai", cohort_ids=[cohort.pk], build=build, outline=outline)
    reads, original = [], cache.get
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: reads.append(key) or original(key, *args, **kwargs))
    again = cached_fragments("essai", cohort_ids=[cohort.pk], build=build, outline=outline)
    assert first == again == {"sessions": "<p>séances 1</p>", "internship": "<p>stage 1</p>"}
    assert all(isinstance(html, SafeString) for html in again.values())
    # One read for both fragments, besides the cohort's version; the outline's version was given, not read again.
    assert [key.split(":")[0] for key in reads] == ["cohorts", "fragment"]
    monkeypatch.undo()
    assert commit(cohort, lambda: cohort_changed(cohort_ids=[cohort.pk]))
    assert cached_fragments("essai", cohort_ids=[cohort.pk], build=build, outline=outline)["internship"] == (
        "<p>stage 2</p>"
    )


def test_a_cohorts_settings_and_label_change_its_version_and_its_programmes(commit, cohort, programme):
    """Edited in the admin: the threshold shows in the cohort's own tables, the label in the later cohorts' (an
    internship carried over names the cohort it was done in)."""
    later = CohortFactory(programme=programme)
    elsewhere = CohortFactory()

    def threshold():
        cohort.attendance_threshold = 50
        cohort.save()

    assert commit(cohort, threshold) and commit(later, threshold) and not commit(elsewhere, threshold)

    def label():
        cohort.label = "2026-2027 bis"
        cohort.save(update_fields=["label"])

    assert commit(later, label)

    def threshold_only():
        cohort.attendance_threshold = 60
        cohort.save(update_fields=["attendance_threshold"])

    assert commit(cohort, threshold_only) and not commit(later, threshold_only)


def test_the_programmes_referentiel_changes_the_version_of_its_cohorts_only(commit, coordinator):
    programme = ProgrammePageFactory(editorial=True)  # its coordinators group may edit its référentiel
    cohort = CohortFactory(programme=programme, coordinators=[coordinator])
    elsewhere = CohortFactory()
    module = ModulePageFactory(parent=programme)
    lesson = LessonPageFactory(parent=module)
    made = {}

    def block():
        made["block"] = block_create(programme=programme, code="BC1", title="Écouter", by=coordinator)

    def competency():
        made["competency"] = competency_create(
            block=made["block"], code="C1", title="Écouter", by=coordinator, modules=[module]
        )

    writes = [
        block,
        lambda: block_update(block=made["block"], code="BC1", title="Écouter et soutenir", by=coordinator),
        competency,
        lambda: made["competency"].lessons.add(lesson),  # from the competency's side
        lambda: lesson.specific.mapped_competencies.remove(made["competency"]),  # from the page's side
        lambda: module.mapped_competencies.clear(),
        lambda: criteria_mapping_set(
            programme=programme, mapping={"active_listening": [made["competency"].pk]}, by=coordinator
        ),
        lambda: criteria_mapping_set(programme=programme, mapping={}, by=coordinator),
        lambda: competency_delete(competency=made["competency"], by=coordinator),
        lambda: block_delete(block=made["block"], by=coordinator),
    ]
    for write in writes:
        assert commit(cohort, write)
    assert not commit(elsewhere, lambda: block_create(programme=programme, code="BC2", title="Agir", by=coordinator))


def test_a_deferral_changes_the_version_of_the_later_cohort(commit, cohort, programme, coordinator):
    later = CohortFactory(
        programme=programme,
        starts_on=cohort.starts_on + datetime.timedelta(days=365),
        ends_on=cohort.starts_on + datetime.timedelta(days=730),
        coordinators=[coordinator],
    )
    enrolment = EnrolmentFactory(cohort=cohort)
    final_decision_record(
        enrolment=enrolment,
        outcome=JuryOutcome.DEFERRED,
        jury_date=max(cohort.starts_on, timezone.localdate()),
        by=coordinator,
        note="Le stage reste à faire.",
    )
    assert commit(later, lambda: enrolment_defer_to_cohort(enrolment=enrolment, to_cohort=later, by=coordinator))
