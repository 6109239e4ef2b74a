"""A tutor without an account acts from the weekly digest's link; the learner sees it on the dashboard."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from internships.enums import PlacementStatus, WeekStatus
from internships.models import TimeEntry, WeekSignoff
from tasks import timing
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, EnrolmentFactory, PlacementFactory, TutorFactory, UserFactory
from tests.factories.calendar import CohortSessionFactory
from tests.tasks.helpers import plan_and_dispatch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _dispatcher_lock(transactional_db, settings, worker_id):
    settings.REMINDERS_KEY_PREFIX = f"pa-e2e-digest-{worker_id}"


def _this_weeks_digest_time() -> datetime.datetime:
    """When this week's tutor digest goes (Monday 08:30, or the next business day); last week's if not yet."""
    now = timezone.now()
    start = timing.local_week_start(now)
    moment = timing.next_allowed(start, quiet=True, business_days_only=True)
    if moment > now:
        moment = timing.next_allowed(start - datetime.timedelta(days=7), quiet=True, business_days_only=True)
    return moment


def test_tutor_without_account_signs_off_a_week_from_the_digest_and_the_learner_sees_it(
    page, phone_page, django_capture_on_commit_callbacks
):
    learner = UserFactory(email="lea@example.test", first_name="Léa", last_name="Martin")
    cohort = CohortFactory()
    enrolment = EnrolmentFactory(cohort=cohort, learner=learner)
    tutor = TutorFactory(user=None, name="Camille Durand", email="camille@example.test")
    moment = _this_weeks_digest_time()
    monday = timezone.localdate(moment) - datetime.timedelta(days=timezone.localdate(moment).weekday() + 7)
    placement = PlacementFactory(
        enrolment=enrolment,
        tutor=tutor,
        host=tutor.host,
        status=PlacementStatus.IN_PROGRESS,
        starts_on=monday - datetime.timedelta(days=14),
        ends_on=monday + datetime.timedelta(days=60),
        planned_hours=70,
    )
    for offset in range(2):
        day = monday + datetime.timedelta(days=offset)
        TimeEntry.objects.create(placement=placement, date=day, week_start=monday, hours=7, activity="Accueil au GEM")
    WeekSignoff.objects.create(placement=placement, week_start=monday)
    CohortSessionFactory(
        cohort=cohort, title="Regroupement — Écoute active", date=timezone.localdate() + datetime.timedelta(days=5)
    )

    [digest] = [
        m for m in plan_and_dispatch(django_capture_on_commit_callbacks, moment) if m.to == ["camille@example.test"]
    ]
    assert "Votre point de la semaine" in digest.subject
    path = re.search(r"/stages/lien/[^\s/]+/", digest.body).group(0)

    # The tutor opens the link: no account, no log-in
    page.goto(path)
    expect(page.get_by_text("Accueil au GEM").first).to_be_visible()
    page.get_by_label("J'approuve ces heures").check()
    page.get_by_role("button", name="Enregistrer ma décision").click()
    page.wait_for_load_state()
    assert WeekSignoff.objects.get(placement=placement).status == WeekStatus.APPROVED
    page.goto(path)
    expect(page.get_by_text(re.compile("déjà été utilisé"))).to_be_visible()

    # The learner's dashboard: the internship and the next sessions
    login(page, "lea@example.test")
    page.goto("/apprendre/")
    internship = page.locator("#section-internship").locator("xpath=..")
    expect(internship).to_contain_text(tutor.host.name)
    expect(internship).to_contain_text("Camille Durand")
    expect(internship).to_contain_text("14 h sur 70 h prévues")
    expect(internship).to_contain_text("Prochaine étape")
    sessions = page.locator("#section-sessions").locator("xpath=..")
    expect(sessions).to_contain_text("Regroupement — Écoute active")
    expect(sessions).to_contain_text("M'abonner dans mon agenda (iCal)")
    screenshot(page, "tutors-dashboard-desktop.png")
    internship.get_by_role("link", name="Voir la page de mon stage").click()
    expect(page).to_have_url(re.compile(rf"/stages/{placement.pk}/$"))

    login(phone_page, "lea@example.test")
    phone_page.goto("/apprendre/")
    expect(phone_page.locator("#section-internship")).to_be_visible()
    screenshot(phone_page, "tutors-dashboard-phone.png")
    assert len([m for m in mail.outbox if m.to == ["camille@example.test"]]) == 1
