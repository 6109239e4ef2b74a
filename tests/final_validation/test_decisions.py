"""Jury decisions: recording, refusals, history, attestation issue and withdrawal, the attendance threshold."""

import datetime

import pytest
from django.utils import timezone, translation

from attestations.enums import AttestationKind
from attestations.models import Attestation
from final_validation.enums import JuryOutcome
from final_validation.models import FinalDecision
from final_validation.selectors import current_decision, decision_history, live_attestation
from final_validation.services import JuryError, cohort_attendance_threshold_set, final_decision_record
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.final_validation.helpers import build_programme, make_eligible, past_sessions

pytestmark = pytest.mark.django_db

AWARDED, DEFERRED, NOT_AWARDED = JuryOutcome.AWARDED, JuryOutcome.DEFERRED, JuryOutcome.NOT_AWARDED


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def lessons(programme):
    return build_programme(programme)


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort, learner__first_name="Léa", learner__last_name="Martin")


@pytest.fixture
def eligible(enrolment, lessons, cohort):
    make_eligible(enrolment, lessons, past_sessions(cohort, 3))
    return enrolment


def test_awarding_an_eligible_learner_records_the_decision_and_issues_the_attestation(eligible, coordinator, today):
    decision = final_decision_record(enrolment=eligible, outcome=AWARDED, jury_date=today, by=coordinator)
    assert current_decision(enrolment=eligible) == decision
    attestation = live_attestation(enrolment=eligible)
    assert attestation.decision == decision
    assert attestation.learner_name == "Léa Martin"
    assert attestation.programme_title == eligible.cohort.programme.title
    assert attestation.cohort_label == eligible.cohort.label
    assert attestation.attested_on == today
    assert len(attestation.code) == 12


def test_awarding_a_learner_who_is_not_eligible_is_refused_and_nothing_is_written(enrolment, coordinator, today):
    with pytest.raises(JuryError, match="Léa Martin ne remplit pas encore tous les critères") as error:
        final_decision_record(enrolment=enrolment, outcome=AWARDED, jury_date=today, by=coordinator)
    assert str(error.value).startswith("Léa Martin ne remplit pas encore tous les critères")
    assert "Aucun stage n'est encore enregistré." in str(error.value)
    assert not FinalDecision.objects.exists()
    assert not Attestation.objects.filter(kind=AttestationKind.SUCCESS).exists()


def test_a_deferral_needs_what_remains(enrolment, coordinator, today):
    with pytest.raises(JuryError, match="Indiquez ce qui reste à faire"):
        final_decision_record(enrolment=enrolment, outcome=DEFERRED, jury_date=today, note="  ", by=coordinator)
    decision = final_decision_record(
        enrolment=enrolment, outcome=DEFERRED, jury_date=today, note="Terminer le stage (28 h).", by=coordinator
    )
    assert decision.note == "Terminer le stage (28 h)."
    assert live_attestation(enrolment=enrolment) is None


def test_not_awarded_needs_a_reason(enrolment, coordinator, today):
    with pytest.raises(JuryError, match="Indiquez la raison"):
        final_decision_record(enrolment=enrolment, outcome=NOT_AWARDED, jury_date=today, by=coordinator)
    assert not FinalDecision.objects.exists()


def test_changing_a_decision_needs_a_reason_and_keeps_the_history(eligible, coordinator, today):
    first = final_decision_record(
        enrolment=eligible, outcome=DEFERRED, jury_date=today, note="Rendre le mémoire.", by=coordinator
    )
    with pytest.raises(JuryError, match="indiquez la raison du changement"):
        final_decision_record(enrolment=eligible, outcome=AWARDED, jury_date=today, by=coordinator)
    second = final_decision_record(
        enrolment=eligible, outcome=AWARDED, jury_date=today, change_reason="Mémoire reçu.", by=coordinator
    )
    assert decision_history(enrolment=eligible) == [second, first]
    assert second.change_reason == "Mémoire reçu."
    assert first.change_reason == ""


def test_the_same_decision_twice_is_refused(enrolment, coordinator, today):
    final_decision_record(enrolment=enrolment, outcome=DEFERRED, jury_date=today, note="Stage.", by=coordinator)
    with pytest.raises(JuryError, match="déjà enregistrée"):
        final_decision_record(
            enrolment=enrolment, outcome=DEFERRED, jury_date=today, note="Stage.", change_reason="x", by=coordinator
        )
    assert FinalDecision.objects.count() == 1


def test_withdrawing_an_award_withdraws_the_attestation_and_a_new_award_issues_a_new_code(eligible, coordinator, today):
    final_decision_record(enrolment=eligible, outcome=AWARDED, jury_date=today, by=coordinator)
    old = live_attestation(enrolment=eligible)
    final_decision_record(
        enrolment=eligible,
        outcome=DEFERRED,
        jury_date=today,
        note="Une pièce manque au dossier de stage.",
        change_reason="Erreur de saisie",
        by=coordinator,
    )
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert live_attestation(enrolment=eligible) is None
    final_decision_record(
        enrolment=eligible, outcome=AWARDED, jury_date=today, change_reason="Pièce reçue", by=coordinator
    )
    new = live_attestation(enrolment=eligible)
    assert new.code != old.code
    assert Attestation.objects.filter(kind=AttestationKind.SUCCESS).filter(enrolment=eligible).count() == 2


def test_a_jury_date_in_the_future_or_before_the_cohort_is_refused(enrolment, coordinator, today):
    with pytest.raises(JuryError, match="dans le futur"):
        final_decision_record(
            enrolment=enrolment,
            outcome=DEFERRED,
            jury_date=today + datetime.timedelta(days=1),
            note="Stage.",
            by=coordinator,
        )
    with pytest.raises(JuryError, match="précéder le début"):
        final_decision_record(
            enrolment=enrolment,
            outcome=DEFERRED,
            jury_date=enrolment.cohort.starts_on - datetime.timedelta(days=1),
            note="Stage.",
            by=coordinator,
        )


def test_an_unknown_outcome_is_refused(enrolment, coordinator, today):
    with pytest.raises(JuryError, match="Choisissez"):
        final_decision_record(enrolment=enrolment, outcome="maybe", jury_date=today, note="x", by=coordinator)


def test_only_the_cohorts_coordinators_record_decisions(enrolment, today):
    other = UserFactory()
    CohortFactory(coordinators=[other])
    for person in (other, enrolment.learner):
        with pytest.raises(JuryError, match="Seuls les coordinateurs"):
            final_decision_record(enrolment=enrolment, outcome=DEFERRED, jury_date=today, note="x", by=person)
    assert not FinalDecision.objects.exists()


def test_no_decision_about_a_withdrawn_learner(cohort, coordinator, today):
    withdrawn = EnrolmentFactory(cohort=cohort, withdrawn=True)
    with pytest.raises(JuryError, match="a quitté la promotion"):
        final_decision_record(enrolment=withdrawn, outcome=DEFERRED, jury_date=today, note="x", by=coordinator)


def test_a_recorded_decision_is_never_changed_in_place(enrolment, coordinator, today):
    decision = final_decision_record(enrolment=enrolment, outcome=DEFERRED, jury_date=today, note="x", by=coordinator)
    decision.note = "autre"
    with pytest.raises(ValueError, match="A final decision is never changed: record a new"):
        decision.save()


def test_attendance_threshold_is_set_by_the_coordinators_between_0_and_100(cohort, coordinator, learner):
    assert cohort.attendance_threshold == 80
    cohort_attendance_threshold_set(cohort=cohort, threshold=75, by=coordinator)
    cohort.refresh_from_db()
    assert cohort.attendance_threshold == 75
    with pytest.raises(JuryError, match="entre 0 et 100"):
        cohort_attendance_threshold_set(cohort=cohort, threshold=101, by=coordinator)
    with pytest.raises(JuryError, match="Seuls les coordinateurs"):
        cohort_attendance_threshold_set(cohort=cohort, threshold=50, by=learner)
    cohort.refresh_from_db()
    assert cohort.attendance_threshold == 75
