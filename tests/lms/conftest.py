import pytest
from django.contrib.auth.models import Group

from tests.factories import CohortFactory, ModulePageFactory, UserFactory


@pytest.fixture
def module(programme):
    return ModulePageFactory(parent=programme, title="Gestion de crise", slug="gestion-de-crise", order=2)


@pytest.fixture
def other_cohort_coordinator(programme):
    """Coordinates another cohort (of the same programme), not `cohort`."""
    person = UserFactory(email="autre-promo@example.test", staff=True)
    person.groups.add(Group.objects.get(name="Coordinators"))
    CohortFactory(programme=programme, coordinators=[person])
    return person
