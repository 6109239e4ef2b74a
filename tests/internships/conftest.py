import pytest

from tests.factories import EnrolmentFactory, PlacementFactory, TutorFactory, UserFactory


@pytest.fixture
def tutor_user(db):
    return UserFactory(email="tuteur@example.test", first_name="Nadia")


@pytest.fixture
def tutor(tutor_user):
    return TutorFactory(user=tutor_user, name="Nadia Rousseau")


@pytest.fixture
def enrolment(learner, cohort):
    return learner.enrolments.get(cohort=cohort)


@pytest.fixture
def make_placement(enrolment, tutor):
    """A placement of the `learner` with the `tutor`, in the given status."""

    def make(status="proposed", **kwargs):
        kwargs.setdefault("enrolment", enrolment)
        kwargs.setdefault("tutor", tutor)
        kwargs.setdefault("host", kwargs["tutor"].host)
        return PlacementFactory(status=status, **kwargs)

    return make


@pytest.fixture
def other_learner(cohort):
    return EnrolmentFactory(cohort=cohort).learner
