"""What the candidate reads after each step: the booked interview, an offer already answered, the open calls."""

import datetime
from html import unescape

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from selection import services
from tests.factories import ApplicationFactory, InterviewSlotFactory, OfferFactory, SelectionRoundFactory

pytestmark = pytest.mark.django_db


def test_after_booking_the_next_step_names_the_interview_and_offers_the_calendar_file(client, selection_round):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    slot = InterviewSlotFactory(
        selection_round=selection_round,
        starts_at=datetime.datetime(2026, 12, 23, 14, 0, tzinfo=datetime.UTC),
        place="Salle 2",
    )
    services.interview_book(application=application, slot=slot, by=application.candidate)
    client.force_login(application.candidate)
    page = client.get(reverse("selection:dossier", args=[application.pk])).content.decode()
    assert "Votre entretien est réservé le mercredi 23 décembre 2026 à 15:00 (Salle 2)." in page
    assert "choisir un créneau" not in page.lower().split("la suite")[1].split("</p>")[0]
    ics_url = reverse("selection:interview_ics", args=[application.pk])
    assert ics_url in page
    assert ics_url in client.get(reverse("selection:book_interview", args=[application.pk])).content.decode()
    response = client.get(ics_url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"BEGIN:VEVENT" in response.content and b"Salle 2" in response.content


def test_the_calendar_file_is_only_for_a_booked_interview_of_ones_own(client, selection_round):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    client.force_login(application.candidate)
    assert client.get(reverse("selection:interview_ics", args=[application.pk])).status_code == 404
    other = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    services.interview_book(
        application=other, slot=InterviewSlotFactory(selection_round=selection_round), by=other.candidate
    )
    assert client.get(reverse("selection:interview_ics", args=[other.pk])).status_code == 404


def test_confirming_a_place_twice_says_calmly_it_is_already_confirmed(client, selection_round):
    offer = OfferFactory(application__selection_round=selection_round)
    client.force_login(offer.application.candidate)
    answer = reverse("selection:answer_offer", args=[offer.application_id])
    client.post(answer, {"answer": "confirm"})
    response = client.post(answer, {"answer": "confirm"}, follow=True)
    assert response.status_code == 200
    assert "Votre place est déjà confirmée : vous n'avez plus rien à faire. Bienvenue !" in unescape(
        response.content.decode()
    )


def test_every_open_call_of_the_programme_is_listed_once_each(programme, rf):
    first = SelectionRoundFactory(cohort__programme=programme, title="Appel à candidatures, promotion 2027-2028")
    first.cohort.label = "2027-2028"
    first.cohort.save()
    second = SelectionRoundFactory(
        cohort__programme=programme,
        cohort__label="2028-2029",  # never the first's, whatever the factory's sequence stands at
        title="Appel complémentaire",
        closes_at=timezone.now() + datetime.timedelta(days=40),
    )
    html = Template("{% load selection %}{% open_call programme %}").render(
        Context({"programme": programme, "request": rf.get("/")})
    )
    assert html.count("<strong>Appel à candidatures, promotion 2027-2028</strong>") == 1
    assert "2027-2028 — promotion 2027-2028" not in html and "promotion 2027-2028</strong> —" not in html
    assert f"promotion {second.cohort.label}" in html
    assert html.index(first.title) < html.index(second.title)


def test_the_candidate_reads_back_the_answers_sent(client, selection_round):
    from selection.models import RoundQuestion

    question = RoundQuestion.objects.create(selection_round=selection_round, label="Où travaillez-vous ?")
    application = ApplicationFactory(
        selection_round=selection_round,
        submitted=True,
        motivation="Transmettre ce qui m'a aidé.",
        lived_experience="",
        answers={str(question.pk): "Au GEM du quartier."},
    )
    client.force_login(application.candidate)
    page = unescape(client.get(reverse("selection:dossier", args=[application.pk])).content.decode())
    assert "Mes réponses" in page
    assert "Ce que vous avez envoyé, tel que la coordination et le jury le lisent." in page
    assert "<summary>Pourquoi souhaitez-vous suivre ce diplôme ?</summary>" in page
    assert "Transmettre ce qui m'a aidé." in page
    assert "<summary>Où travaillez-vous ?</summary>" in page and "Au GEM du quartier." in page
    assert "Votre vécu" not in page  # an empty answer is not listed
