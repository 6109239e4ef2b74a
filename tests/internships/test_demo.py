import pytest
from django.urls import reverse

from accounts.models import User
from internships.enums import PlacementStatus
from internships.models import Concern, Evaluation, Placement, Tutor, WeekSignoff

pytestmark = pytest.mark.django_db


def test_demo_has_placements_in_every_state_and_pages_render(demo, client):
    assert set(Placement.objects.values_list("status", flat=True)) == set(PlacementStatus.values)
    learner = User.objects.get(email="learner@demo.pair-aidance.test")
    tutor_user = User.objects.get(email="tutor@demo.pair-aidance.test")
    coordinator = User.objects.get(email="coordinator@demo.pair-aidance.test")
    assert Tutor.objects.get(user=tutor_user).placements.exists()
    assert Placement.objects.filter(enrolment__learner=learner).exists()
    assert Concern.objects.filter(status="open").exists()
    assert Evaluation.objects.exists()
    assert WeekSignoff.objects.filter(status="approved").exists()
    cohort = Placement.objects.first().enrolment.cohort
    for person, url in (
        (learner, reverse("internships:learner_home")),
        (tutor_user, reverse("internships:tutor_home")),
        (coordinator, reverse("internships:overview", args=[cohort.pk])),
    ):
        client.force_login(person)
        assert client.get(url).status_code == 200
    client.force_login(coordinator)
    for placement in Placement.objects.all():
        assert client.get(reverse("internships:detail", args=[placement.pk])).status_code == 200
