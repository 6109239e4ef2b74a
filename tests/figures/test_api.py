"""/api/v1/programmes/<id>/figures/: the same figures as the page, for the programme's coordinators only."""

import pytest
from rest_framework.test import APIClient

from tests.factories import CohortFactory, EnrolmentFactory, UserFactory
from tests.figures.helpers import add_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_coordinator_reads_the_figures_with_secret_cells_null(api, programme):
    coordinator = UserFactory()
    add_cohort(
        programme,
        year=2022,
        graduates=9,
        answers=[(True, "hospital")] * 5 + [(True, "gem")] * 2 + [(False, "")] * 2,
        coordinator=coordinator,
    )
    api.force_authenticate(coordinator)
    response = api.get(f"/api/v1/programmes/{programme.pk}/figures/")
    assert response.status_code == 200
    data = response.json()
    assert data["threshold"] == 5
    cohort = data["cohorts"][0]
    assert cohort["label"] == "2022-2023"
    assert cohort["figures"]["awarded"] == 9
    assert cohort["figures"]["kind_hospital"] == 5
    assert cohort["figures"]["kind_gem"] is None and "kind_gem" in cohort["secret"]
    assert cohort["figures"]["response_rate"] == 100.0
    assert data["total"]["cohort_id"] is None


def test_others_get_the_documented_404(api, programme):
    cohort = add_cohort(programme, year=2022)
    other_coordinator = UserFactory()
    CohortFactory().coordinators.add(other_coordinator)
    learner = EnrolmentFactory(cohort=cohort).learner
    for person in (other_coordinator, learner):
        api.force_authenticate(person)
        response = api.get(f"/api/v1/programmes/{programme.pk}/figures/")
        assert response.status_code == 404
        assert response.json()["detail"]
    api.force_authenticate(None)
    assert api.get(f"/api/v1/programmes/{programme.pk}/figures/").status_code in (401, 403)


def test_schema_documents_the_figures_operation(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/programmes/{programme_id}/figures/"]["get"]
    assert {"200", "401", "403", "404"} <= set(operation["responses"])
