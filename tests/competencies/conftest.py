import pytest

from tests.factories import CohortFactory, ProgrammePageFactory, UserFactory


@pytest.fixture
def programme(db):
    """A programme with its editorial groups: its coordinators group says who edits its référentiel."""
    return ProgrammePageFactory(editorial=True)


@pytest.fixture
def other_coordinator(db):
    """The coordinator of another programme's cohort."""
    person = UserFactory(email="autre-coordination@example.test")
    CohortFactory(programme=ProgrammePageFactory(editorial=True), coordinators=[person])
    return person
