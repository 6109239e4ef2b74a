"""The référentiel's writes: who may make them, what is refused, and that a block or competency in use is kept."""

import pytest

from competencies import services
from competencies.models import Block, Competency
from final_validation.enums import BlockOutcome
from final_validation.models import BlockDecision
from internships.models import CriterionCompetency
from tests.factories import EnrolmentFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def block(programme, coordinator):
    return services.block_create(programme=programme, code="BC1", title="Écoute", by=coordinator, order=1)


@pytest.fixture
def module(programme):
    return ModulePageFactory(parent=programme, title="L'écoute active")


def test_a_coordinator_builds_blocks_and_competencies_mapped_to_pages(programme, coordinator, block, module):
    lesson = LessonPageFactory(parent=module, title="Reformuler")
    competency = services.competency_create(
        block=block, code="C1.1", title="Pratiquer l'écoute active", by=coordinator, modules=[module], lessons=[lesson]
    )
    assert list(competency.modules.all()) == [module]
    assert list(competency.lessons.all()) == [lesson]
    services.block_update(block=block, code="BC1", title="Écouter et aider", by=coordinator, order=2)
    block.refresh_from_db()
    assert (block.title, block.order) == ("Écouter et aider", 2)


def test_the_coordinator_of_another_programme_and_a_learner_are_refused(programme, block, other_coordinator, learner):
    for person in (other_coordinator, learner):
        with pytest.raises(services.ReferentielError, match="Seuls les coordinateurs de ce programme"):
            services.block_create(programme=programme, code="BC2", title="Équipe", by=person)
        with pytest.raises(services.ReferentielError, match="Seuls les coordinateurs de ce programme"):
            services.block_delete(block=block, by=person)
    assert Block.objects.count() == 1


def test_a_coordinator_removed_from_every_cohort_loses_the_referentiel(programme, cohort, coordinator):
    cohort.coordinators.remove(coordinator)
    with pytest.raises(services.ReferentielError, match="Seuls les coordinateurs de ce programme"):
        services.block_create(programme=programme, code="BC1", title="Écoute", by=coordinator)


def test_codes_are_required_and_unique_in_the_programme(programme, coordinator, block):
    with pytest.raises(services.ReferentielError, match="déjà un bloc avec le code bc1"):
        services.block_create(programme=programme, code="bc1", title="Autre", by=coordinator)
    with pytest.raises(services.ReferentielError, match=r"un code et d.un intitulé"):
        services.block_create(programme=programme, code="  ", title="Autre", by=coordinator)
    services.competency_create(block=block, code="C1", title="Écouter", by=coordinator)
    with pytest.raises(services.ReferentielError, match="déjà une compétence avec le code C1"):
        services.competency_create(block=block, code="C1", title="Autre", by=coordinator)
    assert Competency.objects.count() == 1


def test_pages_of_another_programme_are_refused_and_nothing_is_written(block, coordinator):
    stranger = ModulePageFactory(parent=ProgrammePageFactory())
    with pytest.raises(services.ReferentielError, match="modules et des leçons de ce programme"):
        services.competency_create(block=block, code="C1", title="Écouter", by=coordinator, modules=[stranger])
    assert not Competency.objects.exists()


def test_a_competency_moves_only_to_a_block_of_the_same_programme(programme, block, coordinator, other_coordinator):
    competency = services.competency_create(block=block, code="C1", title="Écouter", by=coordinator)
    foreign = Block.objects.create(programme=ProgrammePageFactory(), code="BX", title="Ailleurs")
    with pytest.raises(services.ReferentielError, match="un bloc de ce programme"):
        services.competency_update(competency=competency, block=foreign, code="C1", title="Écouter", by=coordinator)
    second = services.block_create(programme=programme, code="BC2", title="Équipe", by=coordinator)
    services.competency_update(competency=competency, block=second, code="C2.1", title="Coopérer", by=coordinator)
    competency.refresh_from_db()
    assert (competency.block, competency.code) == (second, "C2.1")


def test_delete_is_refused_while_used(programme, coordinator, block, module, cohort):
    competency = services.competency_create(block=block, code="C1", title="Écouter", by=coordinator, modules=[module])
    with pytest.raises(services.ReferentielError, match="encore des compétences"):
        services.block_delete(block=block, by=coordinator)
    with pytest.raises(services.ReferentielError, match="Des modules ou des leçons"):
        services.competency_delete(competency=competency, by=coordinator)
    services.competency_update(competency=competency, block=block, code="C1", title="Écouter", by=coordinator)
    CriterionCompetency.objects.create(criterion="active_listening", competency=competency)
    with pytest.raises(services.ReferentielError, match=r"grille d.évaluation"):
        services.competency_delete(competency=competency, by=coordinator)
    CriterionCompetency.objects.all().delete()
    services.competency_delete(competency=competency, by=coordinator)
    enrolment = EnrolmentFactory(cohort=cohort)
    BlockDecision.objects.create(
        enrolment=enrolment,
        block=block,
        outcome=BlockOutcome.VALIDATED,
        jury_date=cohort.starts_on,
        recorded_by=coordinator,
    )
    with pytest.raises(services.ReferentielError, match="Le jury a déjà décidé"):
        services.block_delete(block=block, by=coordinator)
    assert Block.objects.filter(pk=block.pk).exists()
    BlockDecision.objects.all().delete()  # (never done by the platform: decisions are kept)
    services.block_delete(block=block, by=coordinator)
    assert not Block.objects.exists()
