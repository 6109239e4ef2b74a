import pytest
from django.urls import reverse

from internships.models import HostOrganisation
from tests.factories import HostOrganisationFactory, TutorFactory

pytestmark = pytest.mark.django_db


def test_coordinator_lists_and_adds_host_organisations_in_admin(client, coordinator):
    HostOrganisationFactory(name="GEM Les Tilleuls")
    TutorFactory(name="Paul Girard")
    client.force_login(coordinator)
    listing = client.get("/admin/internships/hostorganisation/")
    assert listing.status_code == 200
    assert "GEM Les Tilleuls" in listing.content.decode()
    assert "Paul Girard" in client.get("/admin/internships/tutor/").content.decode()
    response = client.post(
        "/admin/internships/hostorganisation/new/",
        {"name": "Clubhouse Horizon", "siret": "12345678901234", "kind": "association", "address": ""},
    )
    assert response.status_code == 200  # invalid SIRET: the form is shown again
    assert not HostOrganisation.objects.filter(name="Clubhouse Horizon").exists()
    client.post(
        "/admin/internships/hostorganisation/new/",
        {"name": "Clubhouse Horizon", "siret": "99900060000604", "kind": "association", "address": ""},
    )
    assert HostOrganisation.objects.filter(name="Clubhouse Horizon").exists()


def test_non_staff_cannot_reach_the_directory(client, learner):
    client.force_login(learner)
    response = client.get("/admin/internships/hostorganisation/")
    assert response.status_code in (302, 403)
    assert reverse("account_login") in response.get("Location", reverse("account_login"))


def test_directory_is_scoped_to_the_coordinators_programmes(client, coordinator, cohort):
    """Another programme's host organisations and tutors are neither listed nor editable."""
    from tests.factories import CohortFactory, EnrolmentFactory, PlacementFactory

    mine = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), host__name="GEM Les Tilleuls")
    theirs = PlacementFactory(enrolment=EnrolmentFactory(cohort=CohortFactory()), host__name="Clubhouse Ailleurs")
    unused = HostOrganisationFactory(name="Association Nouvelle")
    client.force_login(coordinator)
    listing = client.get("/admin/internships/hostorganisation/").content.decode()
    assert "GEM Les Tilleuls" in listing and "Association Nouvelle" in listing
    assert "Clubhouse Ailleurs" not in listing
    tutors = client.get("/admin/internships/tutor/").content.decode()
    assert mine.tutor.name in tutors and theirs.tutor.name not in tutors
    assert client.get(f"/admin/internships/hostorganisation/edit/{theirs.host.pk}/").status_code == 404
    assert client.get(f"/admin/internships/tutor/edit/{theirs.tutor.pk}/").status_code == 404
    assert client.get(f"/admin/internships/hostorganisation/edit/{mine.host.pk}/").status_code == 200
    assert client.get(f"/admin/internships/hostorganisation/edit/{unused.pk}/").status_code == 200
    form = client.get("/admin/internships/tutor/new/").content.decode()
    assert "GEM Les Tilleuls" in form and "Clubhouse Ailleurs" not in form


def test_no_admin_door_opens_another_programmes_directory_row(client, coordinator, cohort):
    """Attack: the viewsets' other pages (copy, history, usage, inspect, delete) by another programme's id."""
    from tests.factories import CohortFactory, EnrolmentFactory, PlacementFactory

    theirs = PlacementFactory(enrolment=EnrolmentFactory(cohort=CohortFactory()), host__name="Clubhouse Ailleurs")
    client.force_login(coordinator)
    for model, row in (("hostorganisation", theirs.host), ("tutor", theirs.tutor)):
        for action in ("edit", "copy", "history", "usage", "inspect", "delete"):
            url = f"/admin/internships/{model}/{action}/{row.pk}/"
            response = client.get(url)
            assert response.status_code in (403, 404), (url, response.status_code)
            assert row.name not in response.content.decode(), url
    mine = PlacementFactory(enrolment=EnrolmentFactory(cohort=cohort), host__name="GEM Les Tilleuls")
    for action in ("history", "usage"):
        assert client.get(f"/admin/internships/hostorganisation/{action}/{mine.host.pk}/").status_code == 200, action
