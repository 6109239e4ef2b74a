"""Course fixtures: the `programme` of the shared `cohort`, one module, two lessons; another programme."""

import pytest
from django.contrib.auth.models import Group

from cms.services import programme_author_add
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
    UserFactory,
)


@pytest.fixture
def module(programme):
    return ModulePageFactory(parent=programme, title="Écoute active", slug="ecoute-active", order=1)


@pytest.fixture
def lesson(module):
    return LessonPageFactory(parent=module, title="Le silence", slug="le-silence")


@pytest.fixture
def next_lesson(module, lesson):
    return LessonPageFactory(parent=module, title="La reformulation", slug="la-reformulation")


@pytest.fixture
def other_programme(db):
    return ProgrammePageFactory(title="DU Médiation en santé", slug="du-mediation")


@pytest.fixture
def other_learner(other_programme):
    """Enrolled in a current cohort of the other programme only."""
    return EnrolmentFactory(cohort=CohortFactory(programme=other_programme)).learner


@pytest.fixture
def author(programme):
    person = UserFactory(email="auteur@example.test", staff=True)
    programme_author_add(programme=programme, user=person)
    return person


@pytest.fixture
def other_author(other_programme):
    person = UserFactory(email="autre-auteur@example.test", staff=True)
    programme_author_add(programme=other_programme, user=person)
    return person


@pytest.fixture
def other_coordinator(other_programme):
    person = UserFactory(email="autre-coordination@example.test", staff=True)
    person.groups.add(Group.objects.get(name="Coordinators"))
    CohortFactory(programme=other_programme, coordinators=[person])
    return person
