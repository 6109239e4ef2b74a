"""Every write of the internship domain gives the learner's cohorts a new version once committed
(`internships.services._changed`, cohorts.changes), so that the coordinators' cached tables and figures show it at
once: each service, from an account or from a tutor's link. The tutors' links and the supervision sessions, which no
cached part reads, leave the version as it was."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.changes import cohort_version
from internships import services
from internships.enums import Competency, EvaluationKind, LinkPurpose, PlacementStatus
from tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
ALL = dict.fromkeys(Competency.values, (3, "Bien"))
days = datetime.timedelta


@pytest.fixture
def changed(cohort, django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed; returns what it returned and whether the cohort got a new
    version."""

    def run(write):
        before = cohort_version(cohort.pk)
        with django_capture_on_commit_callbacks(execute=True):
            result = write()
        return result, cohort_version(cohort.pk) != before

    return run


def _token(placement, purpose, **kwargs) -> str:
    return services.link_create(placement=placement, purpose=purpose, **kwargs)[1]


def test_each_step_of_a_placement_from_its_proposal_to_its_validation_changes_the_version(
    changed, learner, enrolment, tutor, tutor_user, coordinator
):
    today = datetime.date.today()
    placement, new = changed(
        lambda: services.placement_propose(
            by=learner,
            enrolment=enrolment,
            host=tutor.host,
            tutor=tutor,
            starts_on=today - days(10),
            ends_on=today + days(50),
            weekly_schedule="Lundi, mardi",
            planned_hours=140,
            tasks_and_objectives="Co-animer un groupe de parole",
            binome="Camille Petit",
        )
    )
    assert new
    steps = {
        "coordinator approves": lambda: services.placement_approve_by_coordinator(placement=placement, by=coordinator),
        "tutor approves": lambda: services.placement_approve_by_tutor(placement=placement, by=tutor_user),
        "learner signs": lambda: services.placement_sign(placement=placement, by=learner),
        "tutor signs": lambda: services.placement_sign(placement=placement, by=tutor_user),
        "coordinator signs": lambda: services.placement_sign(placement=placement, by=coordinator),
        "start": lambda: services.placement_start(placement=placement, by=coordinator),
        "a day recorded": lambda: services.time_entry_record(
            placement=placement, by=learner, date=today - days(1), hours=7, activity="Accueil", day_type="presence"
        ),
        "week approved": lambda: services.week_sign_off(
            placement=placement, week_start=services.week_start_of(today - days(1)), decision="approved", by=tutor_user
        ),
        "self-assessment drafted": lambda: services.evaluation_save(
            placement=placement, kind="self", ratings=ALL, by=learner
        ),
        "self-assessment sent": lambda: services.evaluation_save(
            placement=placement, kind="self", ratings=ALL, submit=True, by=learner
        ),
        "mid-point opened": lambda: services.placement_open_midpoint(placement=placement, by=coordinator),
        "mid-point evaluation sent": lambda: services.evaluation_save(
            placement=placement, kind="midpoint", ratings=ALL, submit=True, by=tutor_user
        ),
        "mid-point countersigned": lambda: services.evaluation_countersign(
            evaluation=placement.evaluations.get(kind=EvaluationKind.MIDPOINT), by=learner, agrees=True
        ),
        "final opened": lambda: services.placement_open_final(placement=placement, by=coordinator),
        "final evaluation sent": lambda: services.evaluation_save(
            placement=placement, kind="final", ratings=ALL, submit=True, by=tutor_user
        ),
        "final countersigned": lambda: services.evaluation_countersign(
            evaluation=placement.evaluations.get(kind=EvaluationKind.FINAL), by=learner, agrees=True
        ),
        "validated": lambda: services.placement_validate(placement=placement, by=coordinator),
    }
    assert [name for name, step in steps.items() if not changed(step)[1]] == []
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.VALIDATED and placement.attestation_id


def test_what_a_tutor_does_from_a_link_changes_the_version(
    changed, learner, tutor_user, coordinator, make_placement, cohort
):
    placement = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
    refused = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR, enrolment=EnrolmentFactory(cohort=cohort))
    assert changed(
        lambda: services.link_decide_placement(
            token=_token(refused, LinkPurpose.APPROVE_PLACEMENT), approve=False, reason="Pas de place"
        )
    )[1]
    assert changed(
        lambda: services.link_decide_placement(token=_token(placement, LinkPurpose.APPROVE_PLACEMENT), approve=True)
    )[1]
    services.placement_sign(placement=placement, by=learner)
    assert changed(lambda: services.link_sign_agreement(token=_token(placement, LinkPurpose.SIGN_AGREEMENT)))[1]
    services.placement_sign(placement=placement, by=coordinator)
    services.placement_start(placement=placement, by=coordinator)
    yesterday = datetime.date.today() - days(1)
    week = services.week_start_of(yesterday)
    services.time_entry_record(
        placement=placement, by=learner, date=yesterday, hours=7, activity="Accueil", day_type="presence"
    )
    token = _token(placement, LinkPurpose.SIGN_OFF_WEEK, week_start=week)
    assert changed(lambda: services.link_sign_off_week(token=token, decision="approved"))[1]
    services.evaluation_save(placement=placement, kind="self", ratings=ALL, submit=True, by=learner)
    services.placement_open_midpoint(placement=placement, by=coordinator)
    evaluation = placement.evaluations.get(kind=EvaluationKind.MIDPOINT)
    token = _token(placement, LinkPurpose.FILL_EVALUATION, evaluation=evaluation)
    assert changed(lambda: services.link_fill_evaluation(token=token, ratings=ALL))[1]  # a draft
    assert changed(lambda: services.link_fill_evaluation(token=token, ratings=ALL, submit=True))[1]
    amendment = services.amendment_request(
        placement=placement, by=learner, reason="Arrêt maladie", new_ends_on=placement.ends_on + days(7)
    )
    assert changed(lambda: services.link_sign_amendment(token=_token(placement, LinkPurpose.SIGN_AMENDMENT)))[1]
    amendment.refresh_from_db()
    assert amendment.status == "pending"  # the tutor's approval, the first of three


def test_a_concern_an_amendment_and_each_of_its_approvals_change_the_version(
    changed, learner, tutor, tutor_user, coordinator, make_placement
):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    concern, new = changed(
        lambda: services.concern_raise(placement=placement, severity="low", description="Retards", by_tutor=tutor)
    )
    assert new
    assert changed(lambda: services.concern_follow_up(concern=concern, by=coordinator, note="Appel prévu"))[1]
    assert changed(lambda: services.concern_follow_up(concern=concern, by=coordinator, note="Réglé", close=True))[1]
    amendment, new = changed(
        lambda: services.amendment_request(
            placement=placement, by=learner, reason="Arrêt maladie", new_ends_on=placement.ends_on + days(7)
        )
    )
    assert new
    for person in (learner, tutor_user, coordinator):
        assert changed(lambda person=person: services.amendment_sign(amendment=amendment, by=person))[1]


def test_the_other_ends_of_a_placement_change_the_version(changed, learner, coordinator, make_placement):
    proposed, withdrawn = make_placement(), make_placement()
    running, signed = make_placement(PlacementStatus.IN_PROGRESS), make_placement(PlacementStatus.APPROVED_BY_TUTOR)
    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    steps = {
        "refused": lambda: services.placement_refuse(placement=proposed, by=coordinator, reason="Hors champ"),
        "cancelled": lambda: services.placement_cancel(placement=withdrawn, by=learner, reason="Autre stage"),
        "interrupted": lambda: services.placement_interrupt(placement=running, by=coordinator, reason="Fermeture"),
        "signed outside": lambda: services.placement_mark_signed_outside(
            placement=signed, by=coordinator, signed_file=upload
        ),
    }
    assert [name for name, step in steps.items() if not changed(step)[1]] == []


def test_a_learners_internship_changes_the_version_of_each_of_their_cohorts_only(
    changed, learner, cohort, coordinator, make_placement
):
    """A learner deferred to a later cohort carries their internship there: both cohorts show it."""
    later = CohortFactory(programme=cohort.programme)
    EnrolmentFactory(cohort=later, learner=learner)
    elsewhere = CohortFactory(programme=cohort.programme)
    placement = make_placement()
    versions = {c.pk: cohort_version(c.pk) for c in (later, elsewhere)}
    assert changed(lambda: services.placement_approve_by_coordinator(placement=placement, by=coordinator))[1]
    assert cohort_version(later.pk) != versions[later.pk] and cohort_version(elsewhere.pk) == versions[elsewhere.pk]


def test_the_tutors_links_and_the_supervision_sessions_leave_the_version_as_it_was(
    changed, learner, coordinator, make_placement, cohort
):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    yesterday = datetime.date.today() - days(1)
    services.time_entry_record(
        placement=placement, by=learner, date=yesterday, hours=7, activity="Accueil", day_type="presence"
    )
    link, new = changed(
        lambda: services.week_submit_to_tutor(
            placement=placement, by=learner, week_start=services.week_start_of(yesterday)
        )
    )
    assert not new
    assert not changed(lambda: services.link_arm(link_id=link.pk))[1]
    assert not changed(lambda: services.link_revoke(link=link, by=coordinator))[1]
    assert not changed(
        lambda: services.supervision_record(
            cohort=cohort, by=coordinator, date=yesterday, kind="intervision", duration_minutes=90, attendees=[learner]
        )
    )[1]
