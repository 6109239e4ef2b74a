import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from internships import selectors, services
from internships.enums import PLACEMENT_TRANSITIONS, PlacementStatus
from internships.errors import InternshipError
from internships.models import Placement, PlacementTransition, TutorAccessLink, validate_siret
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    HostOrganisationFactory,
    HostTeamPeerFactory,
    TutorFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = PlacementStatus


def propose_kwargs(enrolment, tutor, **extra):
    today = datetime.date.today()
    values = {
        "enrolment": enrolment,
        "host": tutor.host,
        "tutor": tutor,
        "starts_on": today + datetime.timedelta(days=10),
        "ends_on": today + datetime.timedelta(days=70),
        "weekly_schedule": "Lundi, mardi",
        "planned_hours": 140,
        "tasks_and_objectives": "Co-animer un groupe de parole",
        "binome": "Camille Petit",
    }
    values.update(extra)
    return values


def test_siret_validator_accepts_valid_and_refuses_bad_checksum_or_format():
    validate_siret("99900060000604")
    with pytest.raises(ValidationError, match="Ce numéro SIRET n'est pas valide : merci de vérifier"):
        validate_siret("99900060000605")
    with pytest.raises(ValidationError, match="Un numéro SIRET comporte exactement"):
        validate_siret("7328293200007")
    with pytest.raises(ValidationError, match="Un numéro SIRET comporte exactement"):
        validate_siret("7328293200007A")


def test_learner_proposes_placement_with_history(learner, enrolment, tutor):
    placement = services.placement_propose(by=learner, **propose_kwargs(enrolment, tutor))
    assert placement.status == S.PROPOSED
    row = PlacementTransition.objects.get(placement=placement)
    assert (row.from_status, row.to_status, row.by_user) == ("", S.PROPOSED, learner)


def test_propose_refused_outside_cohort_period(learner, enrolment, tutor, cohort):
    kwargs = propose_kwargs(enrolment, tutor, ends_on=cohort.ends_on + datetime.timedelta(days=1))
    with pytest.raises(InternshipError, match=r"période de la promotion|cohort's period"):
        services.placement_propose(by=learner, **kwargs)
    assert not Placement.objects.exists()


def test_propose_refused_when_end_before_start(learner, enrolment, tutor):
    today = datetime.date.today()
    with pytest.raises(InternshipError, match=r"La date de fin doit être après la date de début\."):
        services.placement_propose(
            by=learner, **propose_kwargs(enrolment, tutor, starts_on=today + datetime.timedelta(days=5), ends_on=today)
        )


def test_date_order_is_a_database_constraint(make_placement):
    placement = make_placement()
    placement.ends_on = placement.starts_on
    with pytest.raises(IntegrityError, match="placement_ends_after_start"):
        placement.save()


def test_another_learner_cannot_propose_for_someone(other_learner, enrolment, tutor):
    with pytest.raises(InternshipError, match=r"Vous pouvez proposer un stage seulement pour vous-même\."):
        services.placement_propose(by=other_learner, **propose_kwargs(enrolment, tutor))


def test_tutor_of_another_host_is_refused(learner, enrolment, tutor):
    stranger = TutorFactory()
    with pytest.raises(InternshipError, match="Ce tuteur ou cette tutrice travaille pour une"):
        services.placement_propose(by=learner, **propose_kwargs(enrolment, stranger, host=tutor.host))


def test_coordinator_approval_sends_a_link_to_the_tutor(
    make_placement, coordinator, django_capture_on_commit_callbacks
):
    placement = make_placement()
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    placement.refresh_from_db()
    assert placement.status == S.APPROVED_BY_COORDINATOR
    link = TutorAccessLink.objects.get(placement=placement)
    assert link.purpose == "approve_placement"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [placement.tutor.email]
    assert "/stages/lien/" in mail.outbox[0].body


def test_only_a_coordinator_of_the_cohort_approves(make_placement, learner):
    placement = make_placement()
    other_coordinator = UserFactory()
    CohortFactory(coordinators=[other_coordinator])
    for person in (learner, other_coordinator):
        with pytest.raises(InternshipError, match="Seule la coordination de cette promotion peut"):
            services.placement_approve_by_coordinator(placement=placement, by=person)
    placement.refresh_from_db()
    assert placement.status == S.PROPOSED


def test_refusal_needs_a_reason_and_is_recorded(make_placement, coordinator):
    placement = make_placement()
    with pytest.raises(InternshipError, match=r"raison|reason"):
        services.placement_refuse(placement=placement, by=coordinator, reason="  ")
    services.placement_refuse(placement=placement, by=coordinator, reason="Dates trop proches des examens")
    placement.refresh_from_db()
    assert placement.status == S.REFUSED
    assert placement.refusal_reason == "Dates trop proches des examens"
    assert placement.transitions.last().note == "Dates trop proches des examens"


def test_tutor_approves_then_cannot_approve_twice(make_placement, tutor_user):
    placement = make_placement(S.APPROVED_BY_COORDINATOR)
    services.placement_approve_by_tutor(placement=placement, by=tutor_user)
    assert placement.status == S.APPROVED_BY_TUTOR
    with pytest.raises(InternshipError, match="Ce stage ne peut pas passer de « Approuvé par"):
        services.placement_approve_by_tutor(placement=placement, by=tutor_user)


def test_another_tutor_cannot_approve(make_placement):
    placement = make_placement(S.APPROVED_BY_COORDINATOR)
    with pytest.raises(InternshipError, match="Seul le tuteur ou la tutrice de ce stage peut"):
        services.placement_approve_by_tutor(placement=placement, by_tutor=TutorFactory(host=placement.host))


@pytest.mark.parametrize("from_status", list(S))
@pytest.mark.parametrize("to_status", list(S))
def test_every_transition_follows_the_table(make_placement, coordinator, from_status, to_status):
    placement = make_placement(from_status)
    allowed = to_status in PLACEMENT_TRANSITIONS[from_status]
    if allowed:
        services.placement_transition(placement=placement, to=to_status, by=coordinator, note="raison")
        placement.refresh_from_db()
        assert placement.status == to_status
        row = placement.transitions.get()
        assert (row.from_status, row.to_status, row.by_user) == (from_status, to_status, coordinator)
    else:
        with pytest.raises(InternshipError, match="Ce stage ne peut pas passer de « "):
            services.placement_transition(placement=placement, to=to_status, by=coordinator, note="raison")
        placement.refresh_from_db()
        assert placement.status == from_status
        assert not placement.transitions.exists()


def test_tutor_limit_of_three_concurrent_interns(tutor, tutor_user, make_placement, cohort):
    for _ in range(3):
        make_placement(S.IN_PROGRESS, enrolment=EnrolmentFactory(cohort=cohort))
    fourth = make_placement(S.APPROVED_BY_COORDINATOR)
    with pytest.raises(InternshipError, match=r"3"):
        services.placement_approve_by_tutor(placement=fourth, by=tutor_user)
    fourth.refresh_from_db()
    assert fourth.status == S.APPROVED_BY_COORDINATOR


def test_tutor_limit_ignores_finished_and_non_overlapping_placements(tutor, tutor_user, make_placement):
    today = datetime.date.today()
    make_placement(S.VALIDATED)
    make_placement(S.INTERRUPTED)
    make_placement(
        S.IN_PROGRESS, starts_on=today - datetime.timedelta(days=50), ends_on=today - datetime.timedelta(days=21)
    )
    make_placement(S.IN_PROGRESS)
    make_placement(S.IN_PROGRESS)
    placement = make_placement(S.APPROVED_BY_COORDINATOR)
    services.placement_approve_by_tutor(placement=placement, by=tutor_user)
    assert placement.status == S.APPROVED_BY_TUTOR


def test_single_peer_warning(make_placement, coordinator, django_capture_on_commit_callbacks):
    placement = make_placement()
    HostTeamPeerFactory(host=placement.host)
    warnings = services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    assert len(warnings) == 1
    assert "HAS" in warnings[0]


def test_no_warning_with_two_peers(make_placement, coordinator):
    placement = make_placement()
    HostTeamPeerFactory(host=placement.host)
    HostTeamPeerFactory(host=placement.host)
    HostTeamPeerFactory(host=placement.host, active=False)
    assert services.placement_approve_by_coordinator(placement=placement, by=coordinator) == []


def test_inactive_peers_do_not_count(make_placement):
    placement = make_placement()
    HostTeamPeerFactory(host=placement.host)
    HostTeamPeerFactory(host=placement.host, active=False)
    assert len(selectors.placement_warnings(placement=placement)) == 1


def test_learner_cancels_own_proposal_but_not_a_signed_one(make_placement, learner):
    placement = make_placement()
    services.placement_cancel(placement=placement, by=learner, reason="J'ai trouvé un autre stage")
    assert placement.status == S.CANCELLED
    signed = make_placement(S.AGREEMENT_SIGNED)
    with pytest.raises(InternshipError, match="Pour annuler un stage déjà approuvé par le tuteur"):
        services.placement_cancel(placement=signed, by=learner, reason="non")


def test_host_organisation_siret_validated_on_full_clean():
    host = HostOrganisationFactory.build(siret="12345678901234")
    with pytest.raises(ValidationError, match="Ce numéro SIRET n'est pas valide"):
        host.full_clean()
