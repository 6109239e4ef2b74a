import pytest

from internships import selectors, services
from internships.enums import Competency, EvaluationKind, EvaluationStatus, PlacementStatus
from internships.errors import InternshipError
from internships.models import EvaluationChange

pytestmark = pytest.mark.django_db
ALL = dict.fromkeys(Competency.values, (3, "Bien"))


@pytest.fixture
def placement(make_placement):
    return make_placement(PlacementStatus.IN_PROGRESS)


def self_assess(placement, learner):
    return services.evaluation_save(placement=placement, kind="self", ratings=ALL, submit=True, by=learner)


def open_midpoint(placement):
    placement.status = PlacementStatus.MIDPOINT_REVIEW
    placement.save()


def test_self_assessment_comes_first(placement, learner, tutor_user):
    open_midpoint(placement)
    with pytest.raises(InternshipError, match=r"auto-évaluation|self-assessment"):
        services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user)
    self_assess(placement, learner)
    evaluation = services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user)
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.ratings.count() == 8


def test_submitting_needs_every_competency(placement, learner):
    partial = {Competency.ACTIVE_LISTENING: (2, "")}
    draft = services.evaluation_save(placement=placement, kind="self", ratings=partial, by=learner)
    assert draft.status == EvaluationStatus.DRAFT
    with pytest.raises(InternshipError, match=r"Merci d'évaluer chaque compétence avant d'envoyer\."):
        services.evaluation_save(placement=placement, kind="self", ratings=partial, submit=True, by=learner)


def test_level_outside_four_levels_is_refused(placement, learner):
    with pytest.raises(InternshipError, match=r"Chaque compétence s'évalue sur quatre niveaux\."):
        services.evaluation_save(placement=placement, kind="self", ratings={"teamwork": (5, "")}, by=learner)


def test_tutor_evaluations_only_in_their_step(placement, learner, tutor_user):
    self_assess(placement, learner)
    with pytest.raises(InternshipError, match="pendant l'étape « Bilan de mi-parcours »"):
        services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, by=tutor_user)
    with pytest.raises(InternshipError, match="pendant l'étape « Bilan final »"):
        services.evaluation_save(placement=placement, kind="final", ratings=ALL, by=tutor_user)


def test_learner_cannot_fill_tutor_evaluation_nor_tutor_the_self(placement, learner, tutor_user):
    open_midpoint(placement)
    with pytest.raises(InternshipError, match=r"Seul·e l'apprenant·e remplit son auto-évaluation\."):
        services.evaluation_save(placement=placement, kind="self", ratings=ALL, by=tutor_user)
    self_assess(placement, learner)
    with pytest.raises(InternshipError, match="Seul le tuteur ou la tutrice de ce stage peut"):
        services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, by=learner)


def test_countersignature_rules(placement, learner, tutor_user, other_learner):
    open_midpoint(placement)
    self_assess(placement, learner)
    evaluation = services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user)
    with pytest.raises(InternshipError, match=r"Seul·e l'apprenant·e contresigne son évaluation\."):
        services.evaluation_countersign(evaluation=evaluation, by=other_learner, agrees=True)
    with pytest.raises(InternshipError, match=r"commentaire|comment"):
        services.evaluation_countersign(evaluation=evaluation, by=learner, agrees=False, comment=" ")
    services.evaluation_countersign(
        evaluation=evaluation, by=learner, agrees=False, comment="Je pense avoir progressé en écoute."
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.COUNTERSIGNED
    assert evaluation.learner_agrees is False
    with pytest.raises(InternshipError, match=r"Cette évaluation n'attend pas votre contresignature\."):
        services.evaluation_countersign(evaluation=evaluation, by=learner, agrees=True)


def test_self_assessment_is_not_countersigned(placement, learner):
    evaluation = self_assess(placement, learner)
    with pytest.raises(InternshipError, match=r"Une auto-évaluation ne se contresigne pas\."):
        services.evaluation_countersign(evaluation=evaluation, by=learner, agrees=True)


def test_changing_a_validated_evaluation_needs_a_reason_and_keeps_history(placement, learner, tutor_user):
    open_midpoint(placement)
    self_assess(placement, learner)
    evaluation = services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user)
    services.evaluation_countersign(evaluation=evaluation, by=learner, agrees=True)
    changed = {**ALL, Competency.CRISIS: (4, "Très bonne réaction lors d'une crise")}
    with pytest.raises(InternshipError, match=r"raison|reason"):
        services.evaluation_save(placement=placement, kind="midpoint", ratings=changed, by=tutor_user)
    evaluation = services.evaluation_save(
        placement=placement, kind="midpoint", ratings=changed, by=tutor_user, reason="Oubli d'un événement"
    )
    change = EvaluationChange.objects.get(evaluation=evaluation)
    assert change.reason == "Oubli d'un événement"
    assert change.before["ratings"]["crisis"]["level"] == 3
    assert change.after["ratings"]["crisis"]["level"] == 4
    # The learner counter-signs the changed evaluation again.
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.countersigned_at is None


def test_final_review_needs_countersigned_midpoint(placement, learner, tutor_user, coordinator):
    open_midpoint(placement)
    with pytest.raises(InternshipError, match="L'évaluation de mi-parcours doit d'abord être"):
        services.placement_open_final(placement=placement, by=coordinator)
    self_assess(placement, learner)
    evaluation = services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user)
    services.evaluation_countersign(evaluation=evaluation, by=learner, agrees=True)
    services.placement_open_final(placement=placement, by=coordinator)
    assert placement.status == PlacementStatus.FINAL_REVIEW


def test_validation_needs_countersigned_final_and_issues_attestation(placement, learner, tutor_user, coordinator):
    open_midpoint(placement)
    self_assess(placement, learner)
    mid = services.evaluation_save(placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user)
    services.evaluation_countersign(evaluation=mid, by=learner, agrees=True)
    services.placement_open_final(placement=placement, by=tutor_user)
    with pytest.raises(InternshipError, match="L'évaluation finale doit d'abord être remplie"):
        services.placement_validate(placement=placement, by=coordinator)
    final = services.evaluation_save(placement=placement, kind="final", ratings=ALL, submit=True, by=tutor_user)
    with pytest.raises(InternshipError, match="L'évaluation finale doit d'abord être remplie"):
        services.placement_validate(placement=placement, by=coordinator)
    services.evaluation_countersign(evaluation=final, by=learner, agrees=True)
    with pytest.raises(InternshipError, match="Seule la coordination de cette promotion peut"):
        services.placement_validate(placement=placement, by=learner)
    attestation = services.placement_validate(placement=placement, by=coordinator)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.VALIDATED
    assert len(attestation.code) == 14


def test_evaluations_awaiting_countersignature_selector(placement, learner, tutor_user):
    open_midpoint(placement)
    self_assess(placement, learner)
    evaluation = services.evaluation_save(
        placement=placement, kind=EvaluationKind.MIDPOINT, ratings=ALL, submit=True, by=tutor_user
    )
    assert list(selectors.evaluations_awaiting_countersignature()) == [evaluation]
    services.evaluation_countersign(evaluation=evaluation, by=learner, agrees=True)
    assert list(selectors.evaluations_awaiting_countersignature()) == []
