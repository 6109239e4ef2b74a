"""A candidate cancels their interview booking until 48 hours before; after that, whom to write to."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from selection import services
from selection.enums import ApplicationStatus as S
from selection.messages import INTERVIEW_CANCELLED
from selection.models import ApplicationTransition, InterviewBooking
from selection.services import SelectionError
from tasks.models import Outbox
from tests.factories import ApplicationFactory, InterviewSlotFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_quiet_hours(settings):
    settings.REMINDERS_QUIET_HOURS = None


def booked(selection_round, hours_ahead=72):
    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    slot = InterviewSlotFactory(
        selection_round=selection_round, starts_at=timezone.now() + datetime.timedelta(hours=hours_ahead)
    )
    services.interview_book(application=application, slot=slot, by=application.candidate)
    return application, slot


def test_candidate_cancels_more_than_48_hours_before(selection_round, django_capture_on_commit_callbacks):
    application, slot = booked(selection_round)
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_cancel(application=application, by=application.candidate)
    assert not InterviewBooking.objects.filter(application=application).exists()
    application.refresh_from_db()
    assert application.status == S.INTERVIEW_INVITED  # the invitation stands: another slot can be booked
    last = ApplicationTransition.objects.filter(application=application).order_by("-id").first()
    assert last.by == application.candidate and last.note.startswith("Entretien annulé")
    [message] = [m for m in mail.outbox if "annulé" in m.subject]
    assert message.to == [application.candidate.email]
    assert "coordinatrice@example.test" in message.body
    row = Outbox.objects.get(rule__code=INTERVIEW_CANCELLED)
    assert row.key.endswith(f"application:{application.pk}:interview-cancelled:{last.pk}")
    # The place is free again: another candidate books it.
    other = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    services.interview_book(application=other, slot=slot, by=other.candidate)
    assert InterviewBooking.objects.get(slot=slot).application == other


def test_cancellation_refused_within_48_hours_says_whom_to_write_to(selection_round):
    application, slot = booked(selection_round, hours_ahead=47)
    with pytest.raises(SelectionError, match="Votre entretien a lieu dans moins de") as error:
        services.interview_cancel(application=application, by=application.candidate)
    assert "48" in str(error.value) and "coordinatrice@example.test" in str(error.value)
    assert InterviewBooking.objects.get(application=application).slot == slot


def test_only_the_candidate_cancels_and_only_a_booked_interview(selection_round, coordinator):
    application, _slot = booked(selection_round)
    for someone in (coordinator, UserFactory()):
        with pytest.raises(SelectionError, match=r"Seule la personne candidate peut annuler l'entretien\."):
            services.interview_cancel(application=application, by=someone)
    assert InterviewBooking.objects.filter(application=application).exists()
    not_booked = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    with pytest.raises(SelectionError, match=r"Il n'y a pas d'entretien|no interview"):
        services.interview_cancel(application=not_booked, by=not_booked.candidate)


def test_cancel_page_confirms_then_cancels(client, selection_round):
    application, _slot = booked(selection_round)
    client.force_login(application.candidate)
    dossier = client.get(reverse("selection:dossier", args=[application.pk])).content.decode()
    assert "Annuler mon entretien" in dossier
    page = client.get(reverse("selection:cancel_interview", args=[application.pk])).content.decode()
    assert "Oui, annuler mon entretien" in page
    assert InterviewBooking.objects.filter(application=application).exists()  # GET changes nothing
    page = client.post(reverse("selection:cancel_interview", args=[application.pk]), follow=True).content.decode()
    assert "Votre entretien est annulé" in page
    assert not InterviewBooking.objects.filter(application=application).exists()


def test_cancel_page_after_the_limit_points_to_the_coordination(client, selection_round):
    application, _slot = booked(selection_round, hours_ahead=30)
    client.force_login(application.candidate)
    dossier = client.get(reverse("selection:dossier", args=[application.pk])).content.decode()
    assert "Annuler mon entretien" not in dossier
    assert "coordinatrice@example.test" in dossier
    page = client.get(reverse("selection:cancel_interview", args=[application.pk])).content.decode()
    assert "Oui, annuler" not in page and "coordinatrice@example.test" in page
    page = client.post(reverse("selection:cancel_interview", args=[application.pk]), follow=True).content.decode()
    assert "moins de 48 heures" in page
    assert InterviewBooking.objects.filter(application=application).exists()


def test_another_candidate_cannot_cancel(client, selection_round):
    application, _slot = booked(selection_round)
    client.force_login(UserFactory())
    assert client.post(reverse("selection:cancel_interview", args=[application.pk])).status_code == 404
    assert InterviewBooking.objects.filter(application=application).exists()
