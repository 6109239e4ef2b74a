"""The coordinator's calendar page: only that cohort's coordinators, clear errors, constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import ModuleRelease, ModuleReleaseOverride
from tests.factories import EnrolmentFactory, ModulePageFactory
from tests.utils import assert_constant_queries

pytestmark = pytest.mark.django_db


def url(cohort):
    return reverse("lms:cohort_calendar", kwargs={"cohort_id": cohort.pk})


def test_coordinator_sets_opening_dates(client, cohort, module, coordinator):
    client.force_login(coordinator)
    response = client.get(url(cohort))
    assert response.status_code == 200
    assert "Calendrier des modules" in response.content.decode() and module.title in response.content.decode()
    opens_on = timezone.localdate() + datetime.timedelta(days=9)
    response = client.post(url(cohort), {f"module-{module.pk}": opens_on.isoformat()})
    assert response.status_code == 302
    assert ModuleRelease.objects.get(cohort=cohort, module=module).opens_on == opens_on


def test_invalid_date_gets_a_clear_french_error_and_saves_nothing(client, cohort, module, coordinator):
    client.force_login(coordinator)
    response = client.post(url(cohort), {f"module-{module.pk}": "31/02/2026"})
    assert response.status_code == 400
    assert "Saisissez une date valide" in response.content.decode()
    assert not ModuleRelease.objects.exists()


@pytest.mark.parametrize("who", ["learner", "outsider", "other_cohort_coordinator"])
def test_calendar_is_hidden_from_everyone_else(client, cohort, module, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(cohort)).status_code == 404
    assert client.post(url(cohort), {f"module-{module.pk}": "2030-01-01"}).status_code == 404
    assert not ModuleRelease.objects.exists()


def test_anonymous_is_sent_to_log_in(client, cohort):
    response = client.get(url(cohort))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_coordinator_gives_and_removes_a_learners_own_date(client, cohort, module, coordinator, learner):
    client.force_login(coordinator)
    enrolment = learner.enrolments.get()
    response = client.post(
        reverse("lms:override_add", kwargs={"cohort_id": cohort.pk}),
        {"enrolment": enrolment.pk, "module": module.pk, "opens_on": "2030-03-01", "reason": "Report demandé"},
    )
    assert response.status_code == 302
    override = ModuleReleaseOverride.objects.get()
    assert override.opens_on == datetime.date(2030, 3, 1) and override.reason == "Report demandé"
    assert "Report demandé" in client.get(url(cohort)).content.decode()
    response = client.post(reverse("lms:override_delete", kwargs={"cohort_id": cohort.pk, "override_id": override.pk}))
    assert response.status_code == 302
    assert not ModuleReleaseOverride.objects.exists()


def test_override_refuses_a_learner_of_another_cohort(client, cohort, module, coordinator):
    stranger = EnrolmentFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("lms:override_add", kwargs={"cohort_id": cohort.pk}),
        {"enrolment": stranger.pk, "module": module.pk, "opens_on": "2030-03-01"},
    )
    assert response.status_code == 400
    assert not ModuleReleaseOverride.objects.exists()


def test_other_cohorts_coordinator_cannot_remove_an_override(client, cohort, module, learner, other_cohort_coordinator):
    override = ModuleReleaseOverride.objects.create(
        enrolment=learner.enrolments.get(), module=module, opens_on=datetime.date(2030, 1, 1)
    )
    client.force_login(other_cohort_coordinator)
    response = client.post(reverse("lms:override_delete", kwargs={"cohort_id": cohort.pk, "override_id": override.pk}))
    assert response.status_code == 404
    assert ModuleReleaseOverride.objects.filter(pk=override.pk).exists()


def test_calendar_page_queries_are_constant(client, cohort, programme, coordinator):
    def make_rows(n):
        for _ in range(n):
            module = ModulePageFactory(parent=programme)
            ModuleRelease.objects.create(cohort=cohort, module=module, opens_on=datetime.date(2030, 1, 1))
            enrolment = EnrolmentFactory(cohort=cohort)
            ModuleReleaseOverride.objects.create(enrolment=enrolment, module=module, opens_on=datetime.date(2030, 2, 1))

    def fetch():
        assert client.get(url(cohort)).status_code == 200

    client.force_login(coordinator)
    assert_constant_queries(make_rows, fetch, few=1, many=6, queries=8)


def test_coordinator_finds_the_calendar_in_their_space(client, cohort, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("my_space:home"))
    assert url(cohort) in response.content.decode()


def test_learner_finds_their_programme_in_their_space(client, learner, programme):
    client.force_login(learner)
    html = client.get(reverse("my_space:home")).content.decode()
    assert programme.url in html and programme.title in html


def test_admin_menu_leads_coordinators_to_their_calendar(client, cohort, coordinator, outsider, programme):
    from tests.factories import CohortFactory

    client.force_login(coordinator)
    assert reverse("lms:calendars") in client.get("/admin/").content.decode()
    response = client.get(reverse("lms:calendars"))
    assert response.status_code == 302 and response["Location"] == url(cohort)
    second = CohortFactory(programme=programme, coordinators=[coordinator])
    html = client.get(reverse("lms:calendars")).content.decode()
    assert url(cohort) in html and url(second) in html
    client.force_login(outsider)
    assert client.get(reverse("lms:calendars")).status_code == 404


def test_admin_menu_hides_the_calendar_from_authors(client, programme):
    from cms.services import programme_author_add
    from tests.factories import UserFactory

    author = UserFactory(staff=True)
    programme_author_add(programme=programme, user=author)
    client.force_login(author)
    assert reverse("lms:calendars") not in client.get("/admin/").content.decode()
