"""Browser journey: a coordinator withdraws a learner (with a reason, after confirming) and defers another from
the cohort dashboard; a learner awarded the diploma by the final jury shows as completed."""

import datetime

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cohorts.enums import EnrolmentStatus
from cohorts.models import Enrolment
from final_validation.enums import JuryOutcome
from final_validation.services import final_decision_record
from tests.e2e.conftest import login, screenshot
from tests.factories import CohortFactory, EnrolmentFactory, ProgrammePageFactory, UserFactory
from tests.final_validation.helpers import build_programme, make_eligible, past_sessions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "enrolment"


@pytest.fixture
def promotion():
    programme = ProgrammePageFactory(title="DU Pair-aidance en santé mentale")
    coordinator = UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau", staff=True)
    coordinator.groups.add(Group.objects.get(name="Coordinators"))
    cohort = CohortFactory(programme=programme, label="2026-2027", coordinators=[coordinator])
    lessons = build_programme(programme)
    people = {}
    for first, last in (("Léa", "Martin"), ("Yanis", "Morel"), ("Inès", "Petit")):
        people[first] = EnrolmentFactory(
            cohort=cohort,
            learner=UserFactory(email=f"{last.lower()}@example.test", first_name=first, last_name=last),
        )
    make_eligible(people["Inès"], lessons, past_sessions(cohort, 3))
    final_decision_record(
        enrolment=people["Inès"],
        outcome=JuryOutcome.AWARDED,
        jury_date=datetime.date.today(),
        by=coordinator,
    )
    return {"cohort": cohort, **people}


def test_coordinator_withdraws_one_learner_defers_another_and_sees_the_awarded_one_completed(page, promotion):
    login(page, "claire@example.test")
    page.goto(f"/promotions/{promotion['cohort'].pk}/tableau-de-bord/")

    # Withdraw Léa: the confirmation and the reason are both asked for.
    page.get_by_role("link", name="Reporter ou retirer Léa Martin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Léa Martin")
    withdraw = page.get_by_role("region", name="Retirer l'apprenant de la promotion")
    withdraw.get_by_label("Motif").fill("Déménagement à l'étranger")
    withdraw.get_by_role("button", name="Retirer").click()
    expect(page.get_by_role("alert")).to_contain_text("Cochez la case pour confirmer ce changement.")
    withdraw = page.get_by_role("region", name="Retirer l'apprenant de la promotion")
    expect(withdraw.get_by_label("Motif")).to_have_value("Déménagement à l'étranger")  # nothing typed is lost
    withdraw.get_by_label("Je confirme ce changement.").check()
    withdraw.get_by_role("button", name="Retirer").click()
    expect(page.get_by_role("status")).to_contain_text("Léa Martin a quitté la promotion.")
    lea_row = page.locator(f"tr[data-enrolment='{promotion['Léa'].pk}']")
    expect(lea_row.locator(".enrolment-status")).to_have_text("Retirée")
    expect(lea_row).to_contain_text("Déménagement à l'étranger")
    screenshot(page, f"{SHOTS}-withdrawn.png")

    # Defer Yanis from his line of the list.
    page.get_by_role("link", name="Détails Yanis Morel").click()
    defer = page.get_by_role("region", name="Reporter la formation")
    defer.get_by_label("Je confirme ce changement.").check()
    defer.get_by_role("button", name="Reporter").click()
    expect(page.get_by_role("status")).to_contain_text("La formation de Yanis Morel est mise en pause (report).")
    yanis_row = page.locator(f"tr[data-enrolment='{promotion['Yanis'].pk}']")
    expect(yanis_row.locator(".enrolment-status")).to_have_text("Reportée")

    # Inès was awarded the diploma: her enrolment is completed, and nothing more can be changed from here.
    ines_row = page.locator(f"tr[data-enrolment='{promotion['Inès'].pk}']")
    expect(ines_row.locator(".enrolment-status")).to_have_text("Terminée")
    ines_row.get_by_role("link", name="Détails Inès Petit").click()
    expect(page.get_by_text("Aucun changement d'inscription n'est possible depuis cette page.")).to_be_visible()
    expect(page.locator("#enrolment-history")).to_contain_text("Diplôme délivré par le jury final")
    screenshot(page, f"{SHOTS}-completed.png")

    statuses = dict(Enrolment.objects.values_list("learner__first_name", "status"))
    assert statuses == {
        "Léa": EnrolmentStatus.WITHDRAWN,
        "Yanis": EnrolmentStatus.DEFERRED,
        "Inès": EnrolmentStatus.COMPLETED,
    }
