"""The selection's immediate e-mails go through the reminder engine's outbox, keyed, once, with attachments."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from selection import messages as msg
from selection import services
from selection.enums import ApplicationStatus as S
from selection.enums import DecisionOutcome
from selection.models import ApplicationTransition
from tasks import timing
from tasks.enums import OutboxKind, OutboxState
from tasks.models import Outbox, ReminderRule
from tasks.services import rule_update, rules_sync
from tests.factories import (
    ApplicationDocumentFactory,
    ApplicationFactory,
    DecisionFactory,
    InterviewSlotFactory,
    OfferFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timing.PARIS)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def no_quiet_hours(settings):
    settings.REMINDERS_QUIET_HOURS = None


def rows(code):
    return list(Outbox.objects.filter(rule__code=code).order_by("pk"))


def test_every_message_rule_is_declared_with_both_languages():
    rules_sync()
    codes = {spec.code for spec in msg.CATALOGUE}
    assert len(codes) == 10
    stored = ReminderRule.objects.filter(code__in=codes)
    assert stored.count() == 10
    for rule in stored:
        assert rule.subject_fr and rule.body_fr and rule.subject_en and rule.body_en


def test_a_walk_through_the_selection_queues_one_message_per_step(
    selection_round, coordinator, president, committed, no_quiet_hours
):
    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    document = ApplicationDocumentFactory(application=application)
    services.document_check(document=document, by=coordinator, validated=False, comment="Page 2 manquante")
    with committed():
        services.application_check_done(application=application, by=coordinator)
    [incomplete] = rows(msg.DOSSIER_INCOMPLETE)
    assert incomplete.state == OutboxState.SENT and incomplete.kind == OutboxKind.MESSAGE
    assert incomplete.cohort_id == selection_round.cohort_id and incomplete.recipient == application.candidate
    body = mail.outbox[-1].body
    assert "Page 2 manquante" in body and "Rien n'est perdu" in body
    assert f"/selection/dossier/{application.pk}/modifier/" in body

    application.status = S.UNDER_REVIEW
    application.save()
    with committed():
        services.interview_invite(application=application, by=coordinator)
    assert rows(msg.INTERVIEW_INVITED)[0].state == OutboxState.SENT
    assert "choisissez le créneau" in mail.outbox[-1].body.lower()

    slot = InterviewSlotFactory(selection_round=selection_round)
    with committed():
        services.interview_book(application=application, slot=slot, by=application.candidate)
    booked = mail.outbox[-1]
    name, content, mimetype = booked.attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert (name, mimetype) == ("entretien.ics", "text/calendar") and "Salle 2" in content
    assert "coordinatrice@example.test" in booked.body

    services.interview_record(application=application, by=coordinator, note="")
    services.decision_record(application=application, by=coordinator, outcome=DecisionOutcome.ADMITTED)
    with committed():
        services.decisions_publish(selection_round=selection_round, by=president)
    letter = mail.outbox[-1]
    assert letter.attachments[0][0] == "decision.pdf" and letter.attachments[0][1].startswith(b"%PDF")
    assert "confirmez-la ou déclinez-la" in letter.body

    offer = application.offers.get()
    with committed():
        services.offer_confirm(offer=offer, by=application.candidate)
    assert "Bienvenue" in mail.outbox[-1].body
    # One row per step, each keyed by the dossier, the event and the history row that caused it.
    keys = list(Outbox.objects.filter(recipient=application.candidate).values_list("key", flat=True))
    assert len(keys) == 5 == len(set(keys))
    transitions = set(ApplicationTransition.objects.filter(application=application).values_list("pk", flat=True))
    for key in keys:
        assert f"application:{application.pk}:" in key and int(key.rsplit(":", 1)[1]) in transitions


def test_a_retried_step_never_sends_twice(selection_round, committed, no_quiet_hours):
    application = ApplicationFactory(selection_round=selection_round)
    ApplicationDocumentFactory(application=application)
    with committed():
        services.application_submit(application=application, by=application.candidate)
        # A retry of the queuing (a task or transaction run again) finds the same key.
        msg.dossier_received(application=application, by=application.candidate)
    assert len(rows(msg.DOSSIER_RECEIVED)) == 1
    assert len([m for m in mail.outbox if "reçu votre dossier" in m.subject]) == 1


def test_withdrawal_expiry_and_waiting_list_messages(selection_round, committed, no_quiet_hours):
    selection_round.capacity = 1
    selection_round.save()
    offer = OfferFactory(application__selection_round=selection_round)
    waiting = ApplicationFactory(selection_round=selection_round, waitlisted=True)
    DecisionFactory(application=waiting, waitlisted=True)
    # Everything at the same (travelled) time: the offer has expired, and so does every row's due time.
    with time_machine.travel(offer.deadline + datetime.timedelta(minutes=1)):
        with committed():
            assert services.offer_expire(offer=offer)
        assert rows(msg.OFFER_EXPIRED)[0].recipient == offer.application.candidate
        [offered] = rows(msg.PLACE_OFFERED)
        assert offered.recipient == waiting.candidate and offered.state == OutboxState.SENT
        assert "une place vous est proposée" in offered.sent_subject.lower()
        with committed():
            services.application_withdraw(application=waiting, by=waiting.candidate, reason="Déménagement")
    [withdrawn] = rows(msg.WITHDRAWN)
    assert withdrawn.recipient == waiting.candidate and withdrawn.state == OutboxState.SENT


def test_a_confirmation_goes_at_once_while_a_dispatcher_tick_holds_the_lock(selection_round, committed, no_quiet_hours):
    """The beat's tick may be running (holding the dispatcher's lock) when a candidate withdraws: the
    confirmation does not wait for the next tick."""
    from tasks.locks import single_dispatcher
    from tasks.services import dispatch_tick

    application = ApplicationFactory(selection_round=selection_round, submitted=True)
    with single_dispatcher() as held:
        assert held and dispatch_tick() == {"skipped": 1}
        with committed():
            services.application_withdraw(application=application, by=application.candidate, reason="Déménagement")
    [withdrawn] = rows(msg.WITHDRAWN)
    assert withdrawn.state == OutboxState.SENT
    assert [m.to for m in mail.outbox] == [[application.candidate.email]]
    assert "retir" in mail.outbox[0].subject.lower()


def test_english_speaking_candidate_gets_english(selection_round, committed, no_quiet_hours):
    application = ApplicationFactory(selection_round=selection_round, candidate=UserFactory(preferred_language="en"))
    ApplicationDocumentFactory(application=application)
    with committed():
        services.application_submit(application=application, by=application.candidate)
    assert mail.outbox[-1].subject.startswith("We have received your dossier")


def test_coordinators_edit_the_wording_in_the_rules(selection_round, committed, no_quiet_hours):
    rules_sync()
    rule = ReminderRule.objects.get(code=msg.DOSSIER_RECEIVED)
    rule_update(rule=rule, changes={"subject_fr": "Dossier bien arrivé : {{ round }}"})
    application = ApplicationFactory(selection_round=selection_round)
    ApplicationDocumentFactory(application=application)
    with committed():
        services.application_submit(application=application, by=application.candidate)
    assert mail.outbox[-1].subject == f"Dossier bien arrivé : {selection_round.title}"


def test_at_night_a_confirmation_and_a_published_decision_go_at_once(
    selection_round, coordinator, president, committed
):
    night = paris(2026, 3, 10, 23, 30)
    with time_machine.travel(night, tick=False):
        application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
        slot = InterviewSlotFactory(selection_round=selection_round, starts_at=night + datetime.timedelta(days=5))
        with committed():
            services.interview_book(application=application, slot=slot, by=application.candidate)
        assert rows(msg.INTERVIEW_BOOKED)[0].state == OutboxState.SENT
        other = ApplicationFactory(selection_round=selection_round, deliberated=True)
        DecisionFactory(application=other, refused=True)
        with committed():
            services.decisions_publish(selection_round=selection_round, by=president)
    [letter] = rows(msg.DECISION_LETTER)
    assert (letter.state, letter.due_at) == (OutboxState.SENT, night)


def test_a_moved_booking_cancels_the_old_confirmation_still_waiting(selection_round, settings, committed):
    """Rows queued but not yet sent are checked again just before sending."""
    from tasks.services import dispatch_tick

    application = ApplicationFactory(selection_round=selection_round, interview_invited=True)
    first = InterviewSlotFactory(selection_round=selection_round)
    second = InterviewSlotFactory(
        selection_round=selection_round, starts_at=first.starts_at + datetime.timedelta(days=1)
    )
    settings.REMINDERS_QUIET_HOURS = None
    # Not committed: the rows wait for the next dispatch tick.
    services.interview_book(application=application, slot=first, by=application.candidate)
    services.interview_book(application=application, slot=second, by=application.candidate)
    with committed():
        dispatch_tick()
    states = {row.context["slot_id"]: row.state for row in rows(msg.INTERVIEW_BOOKED)}
    assert states == {first.pk: OutboxState.CANCELLED, second.pk: OutboxState.SENT}


def test_an_anonymised_dossier_is_never_written_to(selection_round, committed):
    from tasks.services import dispatch_tick

    application = ApplicationFactory(selection_round=selection_round, withdrawn=True)
    transition = ApplicationTransition.objects.create(
        application=application, from_status=S.SUBMITTED, to_status=S.WITHDRAWN
    )
    msg.queue(msg.WITHDRAWN, application=application, event="withdrawn", transition=transition)
    application.anonymised_at = application.status_changed_at
    application.save(update_fields=["anonymised_at"])
    with time_machine.travel(paris(2026, 3, 10, 11, 0)):
        Outbox.objects.update(due_at=paris(2026, 3, 10, 10, 0))
        with committed():
            dispatch_tick()
    assert rows(msg.WITHDRAWN)[0].state == OutboxState.CANCELLED
    assert mail.outbox == []


def test_the_address_verification_stays_a_direct_email(client, selection_round, committed):
    with committed():
        client.post(
            reverse("account_signup"),
            {
                "email": "nouvelle@example.test",
                "first_name": "Nina",
                "last_name": "Roux",
                "password1": "un-mot-de-passe-solide-42",
            },
        )
    assert not Outbox.objects.exists()
    assert len(mail.outbox) == 1 and "/compte/adresse-e-mail/verification/" in mail.outbox[0].body


def test_anonymisation_erases_the_outbox_rows_about_the_dossier(selection_round, committed, no_quiet_hours):
    application = ApplicationFactory(selection_round=selection_round, withdrawn=True)
    other = ApplicationFactory(selection_round=selection_round, withdrawn=True)
    for dossier in (application, other):
        transition = ApplicationTransition.objects.create(
            application=dossier, from_status=S.SUBMITTED, to_status=S.WITHDRAWN
        )
        msg.queue(msg.WITHDRAWN, application=dossier, event="withdrawn", transition=transition)
    [row] = rows(msg.WITHDRAWN)[:1]
    assert row.recipient_id == application.candidate_id

    assert services.application_anonymise(application=application) is True

    row.refresh_from_db()
    assert (row.recipient_id, row.recipient_email, row.context, row.action_url) == (None, "", {}, "")
    assert row.state == OutboxState.CANCELLED  # it was still waiting: it will never be sent
    kept = rows(msg.WITHDRAWN)[1]
    assert kept.recipient_id == other.candidate_id and kept.recipient_email == other.candidate.email
