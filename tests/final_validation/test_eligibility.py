"""Eligibility for the final validation: each criterion, its explanation, the edge cases, the query count."""

import pytest
from django.utils import translation

from cohort_sessions.enums import AttendanceStatus
from cohort_sessions.selectors import attendance_summaries_for_cohort
from final_validation.selectors import (
    ATTENDANCE,
    ELIGIBLE,
    INTERNSHIP,
    MODULES,
    NEARLY,
    NOT_YET,
    cohort_eligibility,
    cohort_standings,
    enrolment_eligibility,
    enrolments_standing,
)
from internships.enums import EvaluationStatus, PlacementStatus
from lms.selectors import cohort_module_states
from tests.factories import EnrolmentFactory
from tests.final_validation.helpers import (
    attend,
    build_programme,
    complete,
    internship,
    make_eligible,
    past_sessions,
)
from tests.utils import queries_for

pytestmark = pytest.mark.django_db

P, L, A, E = AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.fixture
def lessons(programme):
    return build_programme(programme)


@pytest.fixture
def sessions(cohort):
    return past_sessions(cohort, 5)


@pytest.fixture
def enrolment(cohort):
    return EnrolmentFactory(cohort=cohort, learner__first_name="Léa", learner__last_name="Martin")


def _criterion(enrolment, key):
    return enrolment_eligibility(enrolment=enrolment).criterion(key)


def test_everything_met_is_eligible_and_explained(enrolment, lessons, sessions):
    make_eligible(enrolment, lessons, sessions)
    eligibility = enrolment_eligibility(enrolment=enrolment)
    assert eligibility.is_eligible
    assert eligibility.standing == ELIGIBLE
    assert [c.explanation for c in eligibility.criteria] == [
        "Tous les modules sont terminés (5 leçons).",
        "Assiduité 100 % pour un seuil de 80 % (5 regroupements suivis sur 5).",
        "140 h validées sur 140 h prévues, évaluation finale validée.",
    ]


# --- Modules -------------------------------------------------------------------------------------------


def test_modules_explain_the_lessons_left_in_each_module(enrolment, lessons):
    complete(enrolment, lessons["Écoute active"] + lessons["Gestion de crise"][:1])
    criterion = _criterion(enrolment, MODULES)
    assert not criterion.met
    assert criterion.explanation == "Il reste 2 leçons dans « Gestion de crise »."


def test_modules_name_at_most_three_unfinished_modules(programme, enrolment):
    build_programme(programme, modules=[(f"Module {n}", 1) for n in range(1, 6)])
    explanation = _criterion(enrolment, MODULES).explanation
    assert explanation == (
        "Il reste 1 leçon dans « Module 1 », 1 leçon dans « Module 2 », 1 leçon dans « Module 3 » et 2 autres modules."
    )


def test_modules_of_another_learner_do_not_count(cohort, enrolment, lessons):
    other = EnrolmentFactory(cohort=cohort)
    complete(other, [lesson for group in lessons.values() for lesson in group])
    assert not _criterion(enrolment, MODULES).met
    assert _criterion(other, MODULES).met


# --- Attendance ----------------------------------------------------------------------------------------


def test_attendance_exactly_at_the_threshold_is_met(enrolment, sessions):
    attend(enrolment.learner, sessions, [P, P, L, P, A])  # 4 of 5 = 80 %
    criterion = _criterion(enrolment, ATTENDANCE)
    assert criterion.met
    assert criterion.explanation == "Assiduité 80 % pour un seuil de 80 % (4 regroupements suivis sur 5)."


def test_attendance_just_below_the_threshold_is_not_met_and_never_reads_as_the_threshold(cohort, enrolment):
    cohort.attendance_threshold = 67
    cohort.save()
    attend(enrolment.learner, past_sessions(cohort, 3), [P, P, A])  # 66.67 %
    criterion = _criterion(enrolment, ATTENDANCE)
    assert not criterion.met
    assert criterion.explanation.startswith("Assiduité 66 % pour un seuil de 67 %")


def test_an_excused_absence_is_left_out_of_the_rate(enrolment, sessions):
    attend(enrolment.learner, sessions, [P, P, P, E, A])  # 3 of 4 counted = 75 %
    criterion = _criterion(enrolment, ATTENDANCE)
    assert not criterion.met
    assert criterion.explanation == (
        "Assiduité 75 % pour un seuil de 80 % (3 regroupements suivis sur 4, 1 absence excusée non comptée)."
    )


def test_an_excused_absence_keeps_a_learner_above_the_threshold(enrolment, sessions):
    attend(enrolment.learner, sessions, [P, P, P, P, E])
    assert _criterion(enrolment, ATTENDANCE).met


def test_no_session_yet_means_no_rate_and_not_met(enrolment):
    criterion = _criterion(enrolment, ATTENDANCE)
    assert not criterion.met
    assert criterion.explanation.startswith("Aucune présence enregistrée pour l'instant")


def test_only_excused_absences_give_no_rate(enrolment, sessions):
    attend(enrolment.learner, sessions[:2], [E, E])
    criterion = _criterion(enrolment, ATTENDANCE)
    assert not criterion.met
    assert "absences excusées" in criterion.explanation


def test_a_threshold_of_zero_asks_for_nothing(cohort, enrolment):
    cohort.attendance_threshold = 0
    cohort.save()
    assert _criterion(enrolment, ATTENDANCE).met


# --- Internship ----------------------------------------------------------------------------------------


def test_no_placement_is_not_met(enrolment):
    criterion = _criterion(enrolment, INTERNSHIP)
    assert not criterion.met
    assert criterion.explanation == "Aucun stage n'est encore enregistré."


def test_hours_short_of_the_plan_are_explained(enrolment):
    internship(enrolment, approved=112, pending=28)
    criterion = _criterion(enrolment, INTERNSHIP)
    assert not criterion.met
    assert criterion.explanation == "112 h validées sur 140 h prévues."


def test_hours_not_yet_approved_by_the_tutor_do_not_count(enrolment):
    internship(enrolment, approved=0, pending=140)
    assert _criterion(enrolment, INTERNSHIP).explanation == "0 h validées sur 140 h prévues."


def test_final_evaluation_not_validated(enrolment):
    internship(enrolment, final=None)
    criterion = _criterion(enrolment, INTERNSHIP)
    assert not criterion.met
    assert criterion.explanation == (
        "140 h validées sur 140 h prévues. Évaluation finale du tutorat pas encore validée."
    )


def test_final_evaluation_awaiting_the_learners_countersignature(enrolment):
    internship(enrolment, final=EvaluationStatus.SUBMITTED)
    assert "en attente de la contre-signature" in _criterion(enrolment, INTERNSHIP).explanation


def test_a_refused_placement_is_as_if_there_were_none(enrolment):
    internship(enrolment, status=PlacementStatus.REFUSED)
    assert _criterion(enrolment, INTERNSHIP).explanation == "Aucun stage n'est encore enregistré."


def test_an_interrupted_placement_says_so(enrolment):
    placement = internship(enrolment, approved=40, final=None, status=PlacementStatus.INTERRUPTED)
    explanation = _criterion(enrolment, INTERNSHIP).explanation
    assert explanation.startswith(f"Le stage chez {placement.host.name} a été interrompu. 40 h validées")


# --- Standing and the whole cohort ---------------------------------------------------------------------


def test_standing_nearly_when_a_single_criterion_remains(enrolment, lessons, sessions):
    complete(enrolment, [lesson for group in lessons.values() for lesson in group])
    attend(enrolment.learner, sessions, [P] * 5)
    eligibility = enrolment_eligibility(enrolment=enrolment)
    assert eligibility.standing == NEARLY
    assert [c.key for c in eligibility.unmet] == [INTERNSHIP]
    assert eligibility.remaining == "Aucun stage n'est encore enregistré."


def test_standing_not_yet_when_two_criteria_remain(enrolment, lessons):
    assert enrolment_eligibility(enrolment=enrolment).standing == NOT_YET


def test_cohort_eligibility_leaves_out_withdrawn_learners_and_orders_by_name(cohort, lessons):
    zoe = EnrolmentFactory(cohort=cohort, learner__last_name="Zola")
    abel = EnrolmentFactory(cohort=cohort, learner__last_name="Abel")
    EnrolmentFactory(cohort=cohort, withdrawn=True)
    deferred = EnrolmentFactory(cohort=cohort, learner__last_name="Marin", deferred=True)
    assert list(cohort_eligibility(cohort=cohort)) == [abel.pk, deferred.pk, zoe.pk]


def test_cohort_eligibility_keeps_a_fixed_number_of_queries(cohort, lessons, sessions):
    make_eligible(EnrolmentFactory(cohort=cohort), lessons, sessions)
    cohort_eligibility(cohort=cohort)  # the programme's outline is then in the cache, as on every later page
    one = queries_for(lambda: cohort_eligibility(cohort=cohort))
    for _ in range(8):
        enrolment = EnrolmentFactory(cohort=cohort)
        make_eligible(enrolment, lessons, sessions)
    many = queries_for(lambda: cohort_eligibility(cohort=cohort))
    assert one == many == 4
    assert all(item.is_eligible for item in cohort_eligibility(cohort=cohort).values())


def test_standings_read_in_sql_agree_with_the_explained_eligibility(cohort, lessons, sessions):
    """The list's counts and filters (cohort_standings, SQL) give each learner the standing that the criteria and
    their explanations (cohort_eligibility) give, case by case."""
    every_lesson = [lesson for group in lessons.values() for lesson in group]
    cases = {}

    def case(name):
        cases[name] = EnrolmentFactory(cohort=cohort, learner__last_name=name)
        return cases[name]

    make_eligible(case("Eligible"), lessons, sessions)
    complete(case("Modules"), every_lesson)
    partly = case("Partiel")
    complete(partly, every_lesson[:-1])
    attend(partly.learner, sessions, [P] * 5)
    internship(partly)
    below = case("Seuil")
    complete(below, every_lesson)
    attend(below.learner, sessions, [P, P, P, A, A])  # 60 % for a threshold of 80 %
    internship(below)
    excused = case("Excuse")
    complete(excused, every_lesson)
    attend(excused.learner, sessions, [E] * 5)  # no rate at all
    internship(excused)
    exact = case("Juste")
    complete(exact, every_lesson)
    attend(exact.learner, sessions, [P, L, L, E, A])  # 3 of 4 counted (the excused one left out): 75 %, below 80 %
    internship(exact)
    reached = case("Atteint")
    complete(reached, every_lesson)
    attend(reached.learner, sessions, [P, L, P, L, A])  # 4 of 5: exactly 80 %, the threshold is reached
    internship(reached)
    for name, kwargs in {
        "Heures": {"approved": 100},
        "Evaluation": {"final": EvaluationStatus.SUBMITTED},
        "SansEvaluation": {"final": None},
        "Refuse": {"status": PlacementStatus.REFUSED},
        "Interrompu": {"status": PlacementStatus.INTERRUPTED},
    }.items():
        enrolment = case(name)
        complete(enrolment, every_lesson)
        attend(enrolment.learner, sessions, [P] * 5)
        internship(enrolment, **kwargs)
    case("Rien")
    EnrolmentFactory(cohort=cohort, withdrawn=True)

    explained = {pk: item.standing for pk, item in cohort_eligibility(cohort=cohort).items()}
    standings = cohort_standings(cohort=cohort)
    assert standings == explained
    assert list(standings) == list(explained)  # the same order: by name
    assert standings[cases["Eligible"].pk] == ELIGIBLE
    assert standings[cases["Interrompu"].pk] == ELIGIBLE  # approved hours and a validated final evaluation
    assert {standings[cases[name].pk] for name in ("Partiel", "Seuil", "Excuse", "Heures", "Evaluation")} == {NEARLY}
    assert standings[cases["Rien"].pk] == NOT_YET
    assert standings[cases["Modules"].pk] == NOT_YET
    assert (standings[cases["Juste"].pk], standings[cases["Atteint"].pk]) == (NEARLY, ELIGIBLE)
    # The attendance compared in SQL and from the cohort's summaries (the cockpit's way) agree.
    summaries = attendance_summaries_for_cohort(cohort=cohort)
    assert cohort_standings(cohort=cohort, summaries=summaries) == standings
    # So does the standing of a page of the cockpit, read from the module states and summaries it has loaded: the
    # same criteria left, one by one.
    eligibility = cohort_eligibility(cohort=cohort)
    enrolments = [item.enrolment for item in eligibility.values()]
    _outline, states = cohort_module_states(cohort=cohort, enrolment_ids=[enrolment.pk for enrolment in enrolments])
    listed = enrolments_standing(cohort=cohort, enrolments=enrolments, module_states=states, summaries=summaries)
    assert {pk: (item.standing, item.unmet) for pk, item in listed.items()} == {
        pk: (item.standing, tuple(criterion.key for criterion in item.unmet)) for pk, item in eligibility.items()
    }


def test_standings_without_attendance_threshold(cohort, lessons):
    cohort.attendance_threshold = 0
    cohort.save()
    enrolment = EnrolmentFactory(cohort=cohort)
    complete(enrolment, [lesson for group in lessons.values() for lesson in group])
    internship(enrolment)
    assert cohort_standings(cohort=cohort) == {enrolment.pk: ELIGIBLE}
    assert enrolment_eligibility(enrolment=enrolment).standing == ELIGIBLE
