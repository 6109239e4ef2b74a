"""Browser journey: a graduate agrees to the follow-up on her space, receives the survey (from the outbox), answers
it without an account through her single-use link, and the coordinator sees the programme's figures change."""

import datetime
import re

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from core.calendar import is_business_day
from tasks.services import dispatch_tick, plan_all, rules_sync
from tests.e2e.conftest import login, screenshot
from tests.factories import (
    CohortFactory,
    ProgrammePageFactory,
    SurveyInvitationFactory,
    SurveyResponseFactory,
    UserFactory,
)
from tests.factories.alumni import graduate

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "alumni"


def _award_day_six_months_ago() -> datetime.date:
    """An award whose 6-month survey day is the latest business day before today (the survey is due now)."""
    day = timezone.localdate() - datetime.timedelta(days=1)
    while True:
        awarded_on = day - relativedelta(months=6)
        if is_business_day(day) and awarded_on + relativedelta(months=6) == day:
            return awarded_on
        day -= datetime.timedelta(days=1)


def _next_business_morning() -> datetime.datetime:
    """10:00 in Paris on the next business day (today's, when it is not yet 10:00): reminders wait for a business day,
    so the journey runs on one whatever the day it is run (it failed on Saturdays), a little ahead of the browser's
    clock rather than behind it, so that no cookie the site sets is already expired."""
    now = timezone.localtime()
    day = now.date() if now.hour < 10 else now.date() + datetime.timedelta(days=1)
    while not is_business_day(day):
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def promotion(settings):
    with time_machine.travel(_next_business_morning(), tick=True):
        yield _promotion(settings)


def _promotion(settings):
    settings.REMINDERS_QUIET_HOURS = None  # the journey may run at night
    settings.SITE_URL = "http://testserver.example"
    rules_sync()
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(
        programme=programme,
        label="2024-2025",
        starts_on=datetime.date(2024, 9, 15),
        ends_on=datetime.date(2025, 6, 30),
        coordinators=[coordinator],
    )
    awarded_on = _award_day_six_months_ago()
    ines = graduate(
        cohort=cohort,
        awarded_on=awarded_on,
        learner=UserFactory(email="ines@example.test", first_name="Inès", last_name="Roux"),
    )
    for _ in range(5):  # five classmates answered already
        SurveyResponseFactory(
            invitation=SurveyInvitationFactory(enrolment=graduate(cohort=cohort, awarded_on=awarded_on), wave=6)
        )
    return {"programme": programme, "ines": ines}


def test_graduate_consents_answers_without_an_account_and_the_figures_change(page, new_page, promotion):
    # The coordinator's figures: five surveys sent, five answered.
    coordinator_page = new_page()
    login(coordinator_page, "claire@example.test")
    coordinator_page.get_by_role("link", name="Chiffres — DU Pair-aidance en santé mentale").click()
    survey_table = coordinator_page.locator("#table-survey")
    expect(survey_table.locator("tbody td[data-key=answered]")).to_have_text("5")
    expect(coordinator_page.get_by_role("img", name="Diplômes délivrés, par promotion")).to_be_visible()

    # Inès agrees on her space.
    login(page, "ines@example.test")
    page.get_by_role("link", name="Après le diplôme").click()
    expect(page.get_by_text("Vous n'avez pas encore répondu à cette question. Rien ne presse.")).to_be_visible()
    page.get_by_label("Oui, j'accepte de le recevoir").check()
    page.get_by_role("button", name="Enregistrer mon choix").click()
    expect(page.get_by_text("Vous avez accepté de recevoir le questionnaire.")).to_be_visible()
    screenshot(page, f"{SHOTS}-consent.png")
    page.get_by_role("button", name="Se déconnecter").click()

    # The reminder engine sends her the survey: her single-use link is in the e-mail.
    plan_all()
    dispatch_tick()
    message = next(m for m in mail.outbox if m.to == ["ines@example.test"])
    assert message.subject == "6 mois après le diplôme, comment allez-vous ?"
    path = re.search(r"http://testserver\.example(/suivi-diplomes/questionnaire/[^\s]+/)", message.body).group(1)

    # She answers without logging in.
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Comment allez-vous, 6 mois après le diplôme ?")
    page.get_by_role("radio", name="Oui", exact=True).check()
    page.get_by_label("Dans quel type de structure ?").select_option("medico_social")
    page.get_by_label("Contrat").select_option("cdi")
    page.get_by_label("Rémunéré ou bénévole ?").select_option("paid")
    page.get_by_label("Combien d'heures par semaine, environ ?").fill("24")
    page.get_by_label("Qu'est-ce qui vous a aidé, depuis le diplôme ?").fill("Le binôme pendant le stage.")
    screenshot(page, f"{SHOTS}-survey.png")
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("status")).to_have_text(
        "Merci, vos réponses sont enregistrées. Elles aident les promotions suivantes."
    )

    # The link works once.
    page.goto(path)
    expect(page.get_by_text("Ce questionnaire a déjà reçu une réponse. Merci !")).to_be_visible()

    # The coordinator's figures now count six answers out of six surveys.
    coordinator_page.reload()
    expect(survey_table.locator("tbody td[data-key=invited]")).to_have_text("6")
    expect(survey_table.locator("tbody td[data-key=answered]")).to_have_text("6")
    expect(survey_table.locator("tbody td[data-key=response_rate]")).to_have_text("100 %")
    screenshot(coordinator_page, f"{SHOTS}-figures.png")


def test_follow_up_pages_are_accessible(page, small_phone_page, promotion):
    from alumni import services
    from alumni.services import consent_set
    from tests.e2e.a11y import assert_no_serious_axe_violations, check_page

    ines = promotion["ines"]
    consent_set(user=ines.learner, agreed=True)
    path = services.survey_link_arm(enrolment_id=ines.pk, wave=6)
    phone = small_phone_page
    phone.goto(path)
    expect(phone.get_by_role("button", name="Envoyer mes réponses")).to_be_visible()
    check_page(phone)
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    expect(phone.get_by_role("alert")).to_contain_text("Merci de répondre à cette question")
    check_page(phone)
    login(phone, "ines@example.test")
    phone.goto("/suivi-diplomes/")
    check_page(phone)

    login(page, "claire@example.test")
    page.goto(f"/chiffres/programme/{promotion['programme'].pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chiffres — DU Pair-aidance en santé mentale")
    assert_no_serious_axe_violations(page)
    page.goto(f"/suivi-diplomes/programme/{promotion['programme'].pk}/reponses/")
    assert_no_serious_axe_violations(page)
