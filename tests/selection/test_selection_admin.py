"""The Wagtail admin screens of the selection are for superusers; coordinators are pointed to /selection/gestion/."""

import pytest
from django.urls import reverse

from selection.models import ScoringCriterion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCREENS = [
    "/admin/selection_cohorts/",
    "/admin/selection_rounds/",
    "/admin/selection_required_documents/",
    "/admin/selection_scoring_criteria/",
    "/admin/selection_round_questions/",
]


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_coordinator_sees_no_admin_screen_and_is_pointed_to_the_selection_pages(client, coordinator):
    from django.contrib.auth.models import Permission

    # Even a model permission given to the group by mistake does not open the screens.
    coordinator.groups.first().permissions.add(Permission.objects.get(codename="change_selectionround"))
    client.force_login(coordinator)
    for screen in SCREENS:
        assert client.get(screen).status_code in (302, 403), screen
    home = client.get("/admin/").content.decode()
    assert reverse("selection:manage_rounds") in home
    assert "/admin/selection_rounds/" not in home


def test_coordinator_cannot_delete_a_scored_criterion_through_the_admin(client, coordinator, selection_round):
    criterion = selection_round.criteria.first()
    client.force_login(coordinator)
    client.post(f"/admin/selection_scoring_criteria/delete/{criterion.pk}/")
    assert ScoringCriterion.objects.filter(pk=criterion.pk).exists()


def test_superuser_manages_cohorts_and_rounds_and_reads_the_settings(client, superuser, selection_round):
    client.force_login(superuser)
    for screen in SCREENS:
        assert client.get(screen).status_code == 200, screen
    assert client.get(f"/admin/selection_rounds/edit/{selection_round.pk}/").status_code == 200
    criterion = selection_round.criteria.first()
    # Read-only here: changes go through the round's settings page, where the guards apply.
    assert client.get(f"/admin/selection_scoring_criteria/edit/{criterion.pk}/").status_code in (302, 403)
    client.post(f"/admin/selection_scoring_criteria/delete/{criterion.pk}/")
    assert ScoringCriterion.objects.filter(pk=criterion.pk).exists()
    home = client.get("/admin/").content.decode()
    assert "/admin/selection_rounds/" in home


def test_a_staff_member_without_cohort_sees_neither(client):
    from django.contrib.auth.models import Group

    staff = UserFactory(is_staff=True)
    staff.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(staff)
    home = client.get("/admin/").content.decode()
    assert reverse("selection:manage_rounds") not in home
    assert client.get("/admin/selection_rounds/").status_code in (302, 403)
