"""Browser journeys of the jury and the decisions: scoring, publication, confirmation, waiting list."""

import pytest
from playwright.sync_api import expect

from cohorts.models import Enrolment
from selection import services
from selection.enums import ApplicationStatus as S
from selection.enums import OfferStatus
from selection.models import Offer, Review
from tests.e2e.conftest import login, screenshot
from tests.factories import ApplicationFactory, DecisionFactory, OfferFactory, SelectionRoundFactory, UserFactory


def shot(name: str) -> str:
    """The name of a main page's screenshot (`screenshot`, tests/e2e/conftest.py)."""
    return f"cohorts-{name}.png"


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def people():
    return {
        "coordinator": UserFactory(email="claire@example.test", first_name="Claire", last_name="Moreau"),
        "president": UserFactory(email="paul@example.test", first_name="Paul", last_name="Président"),
        "juror": UserFactory(email="sophie@example.test", first_name="Sophie", last_name="Lambert"),
    }


@pytest.fixture
def selection_round(people):
    selection_round = SelectionRoundFactory(jury_president=people["president"], anonymous_first_reading=True)
    selection_round.cohort.coordinators.add(people["coordinator"])
    selection_round.jury_members.add(people["juror"])
    return selection_round


def test_jury_member_scores_a_dossier_read_anonymously(page, selection_round, people):
    application = ApplicationFactory(selection_round=selection_round, complete=True, candidate__last_name="Zerbib")
    services.jury_assign(application=application, reviewer=people["juror"], by=people["coordinator"])
    login(page, "sophie@example.test")
    page.goto("/compte/mon-espace/")
    page.get_by_role("link", name="Jury de sélection").click()
    page.get_by_role("link", name=application.reference).click()
    expect(page.get_by_text("Première lecture anonyme")).to_be_visible()
    expect(page.get_by_text("Zerbib")).to_have_count(0)
    page.get_by_label("Motivation").fill("4")
    page.get_by_label("Recul sur le vécu").fill("5")
    page.get_by_label("Commentaire").fill("Un projet solide.")
    screenshot(page, shot("jury-review"))
    page.get_by_role("button", name="Rendre mon avis").click()
    expect(page.get_by_text("Votre avis est enregistré")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(application.candidate.full_name)
    review = Review.objects.get(application=application, reviewer=people["juror"])
    assert review.submitted_at and sorted(s.score for s in review.scores.all()) == [4, 5]


def test_decisions_published_then_candidate_confirms_and_lands_in_cohort(page, selection_round, people):
    admitted = ApplicationFactory(
        selection_round=selection_round, interviewed=True, candidate__email="lea@example.test"
    )
    refused = ApplicationFactory(selection_round=selection_round, interviewed=True)
    login(page, "claire@example.test")
    for application, outcome in ((admitted, "Admis·e"), (refused, "Non retenu·e")):
        page.goto(f"/selection/gestion/{selection_round.pk}/candidatures/{application.pk}/")
        page.get_by_label(outcome, exact=True).check()
        if application == refused:
            page.get_by_label("Motif (écrit dans la lettre en cas de refus)").fill("Projet à mûrir.")
        page.get_by_role("button", name="Enregistrer la décision").click()
        expect(page.get_by_text("Décision enregistrée. Elle reste invisible")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    login(page, "lea@example.test")
    page.goto(f"/selection/dossier/{admitted.pk}/")
    expect(page.get_by_text("Je confirme ma place")).to_have_count(0)  # recorded, not yet published
    page.get_by_role("button", name="Se déconnecter").click()

    login(page, "paul@example.test")
    page.goto(f"/selection/gestion/{selection_round.pk}/classement/")
    screenshot(page, shot("ranking"))
    page.get_by_role("button", name="Publier toutes les décisions").click()
    expect(page.get_by_text("2 décision(s) publiée(s)")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    login(page, "lea@example.test")
    page.goto(f"/selection/dossier/{admitted.pk}/")
    screenshot(page, shot("offer"))
    page.get_by_role("button", name="Je confirme ma place").click()
    expect(page.get_by_text("Votre place est confirmée").first).to_be_visible()
    enrolment = Enrolment.objects.get(learner__email="lea@example.test")
    assert enrolment.cohort == selection_round.cohort
    admitted.refresh_from_db()
    assert admitted.status == S.ENROLLED


def test_decline_promotes_the_next_candidate(page, selection_round):
    selection_round.capacity = 1
    selection_round.save()
    offer = OfferFactory(application__selection_round=selection_round, application__candidate__email="tom@example.test")
    second = DecisionFactory(
        application__selection_round=selection_round, application__status=S.WAITLISTED, waitlisted=True, rank=2
    ).application
    first = DecisionFactory(
        application__selection_round=selection_round, application__status=S.WAITLISTED, waitlisted=True, rank=1
    ).application
    login(page, "tom@example.test")
    page.goto(f"/selection/dossier/{offer.application_id}/")
    page.get_by_text("Je ne prends pas la place").click()
    page.get_by_label("Si vous le souhaitez, dites-nous pourquoi (facultatif)").fill("Autre formation.")
    page.get_by_role("button", name="Je décline la place").click()
    expect(page.get_by_text("Votre réponse est enregistrée")).to_be_visible()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.ADMITTED and second.status == S.WAITLISTED
    assert Offer.objects.get(application=first).status == OfferStatus.OPEN
