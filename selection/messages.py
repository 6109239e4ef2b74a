"""The selection's immediate e-mails, sent as one-off messages of the reminder engine (tasks.registry).

Each e-mail a step of the selection sends at once (dossier received, interview booked, decision letter...)
is a message rule (``is_message=True``): the wording lives in the rule (French and English), which
coordinators can adjust in the admin's "Relances", and each message goes through the outbox, where they
see it, its state and any failure. Attachments (the decision letter's PDF, the interview's .ics) are
built by the worker just before sending, in the recipient's language.

Every message is keyed by the dossier, the event and the history row that caused it
(``application:<pk>:<event>:<transition pk>``): a retried transaction or task never sends it twice, and
a new event (a second booking) is a new message.

Quiet hours: the answers to something the candidate has just done (dossier received, withdrawal, booking
confirmed or cancelled, place confirmed) go at once, day or night, since they are waiting for them; news
that comes from the jury or from the clock (incomplete dossier, invitation, decision, offer expired, place
offered) waits for the morning, as reminders do.

The e-mail-address verification is not here: it carries a secret link and stays a direct e-mail, sent by
allauth (accounts).
"""

from __future__ import annotations

import datetime

import icalendar
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from selection.models import (
    BOOKING_CHANGE_LIMIT,
    Application,
    ApplicationTransition,
    InterviewBooking,
    InterviewSlot,
    Offer,
)
from selection.pdf import decision_letter_pdf
from tasks import timing
from tasks.enums import Audience
from tasks.registry import Due, RuleSpec
from tasks.services import message_queue

DOSSIER_RECEIVED = "cohorts.message_dossier_received"
DOSSIER_INCOMPLETE = "cohorts.message_dossier_incomplete"
WITHDRAWN = "cohorts.message_application_withdrawn"
INTERVIEW_INVITED = "cohorts.message_interview_invitation"
INTERVIEW_BOOKED = "cohorts.message_interview_booked"
INTERVIEW_CANCELLED = "cohorts.message_interview_cancelled"
DECISION_LETTER = "cohorts.message_decision_letter"
PLACE_CONFIRMED = "cohorts.message_place_confirmed"
OFFER_EXPIRED = "cohorts.message_offer_expired"
PLACE_OFFERED = "cohorts.message_place_offered"

SIGNATURE_FR = "Bien à vous,\nL'équipe de la formation"
SIGNATURE_EN = "Kind regards,\nThe course team"


def _day(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%d/%m/%Y")


def _time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%H:%M")


def coordination_contact(selection_round) -> str:
    """Whom a candidate writes to: the e-mail addresses of the round's cohort's coordinators."""
    return ", ".join(selection_round.cohort.coordinators.order_by("pk").values_list("email", flat=True))


def queue(
    rule_code: str,
    *,
    application: Application,
    event: str,
    transition: ApplicationTransition,
    by=None,
    action_url: str = "",
    **context,
) -> list[int]:
    """Queue one message to the candidate of `application`, keyed by the event and its history row."""

    candidate = application.candidate
    if candidate is None:
        return []
    selection_round = application.selection_round
    due = Due(
        reason=f"application:{application.pk}:{event}:{transition.pk}",
        reference=transition.at,
        recipient_id=candidate.pk,
        email=candidate.email,
        subject_ref=("selection.application", application.pk),
        cohort_id=selection_round.cohort_id,
        action_url=action_url or reverse("selection:dossier", args=[application.pk]),
        context={"round": selection_round.title, "contact": coordination_contact(selection_round), **context},
    )
    return message_queue(rule_code, [due], by=by, note=f"Selection: {event}")


# --- Relevance, just before sending ---------------------------------------------------------------


def _application(row) -> Application | None:
    return (
        Application.objects.select_related("candidate", "selection_round__cohort__programme")
        .filter(pk=row.object_id, anonymised_at__isnull=True)
        .first()
    )


def dossier_still_there(row) -> bool:
    """An anonymised dossier is never written about again."""
    return _application(row) is not None


def still_invited(row) -> bool:
    return Application.objects.filter(pk=row.object_id, anonymised_at__isnull=True, status="interview_invited").exists()


def booking_unchanged(row) -> bool:
    """A confirmation for a slot the candidate has since left (moved or cancelled) is not sent."""
    return InterviewBooking.objects.filter(
        application_id=row.object_id, slot_id=row.context.get("slot_id"), application__anonymised_at__isnull=True
    ).exists()


def decision_published(row) -> bool:
    return Application.objects.filter(
        pk=row.object_id, anonymised_at__isnull=True, decision__published_at__isnull=False
    ).exists()


def offer_still_open(row) -> bool:
    return Offer.objects.filter(pk=row.context.get("offer_id"), status="open").exists()


# --- Attachments, built in the worker -------------------------------------------------------------


def booking_ics(*, slot: InterviewSlot, application_id: int) -> bytes:
    """The interview as an iCalendar event; the UID is the dossier's, so a moved interview replaces the old one."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Pair-aidance//Selection//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"interview-{application_id}@pair-aidance")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", _("Interview — %(round)s") % {"round": slot.selection_round.title})
    event.add("location", slot.place)
    calendar.add_component(event)
    return calendar.to_ical()


def interview_ics(row) -> list[tuple[str, bytes, str]]:
    slot = InterviewSlot.objects.select_related("selection_round").filter(pk=row.context.get("slot_id")).first()
    if slot is None:
        return []
    return [("entretien.ics", booking_ics(slot=slot, application_id=int(row.object_id)), "text/calendar")]


def decision_letter(row) -> list[tuple[str, bytes, str]]:

    application = (
        Application.objects.select_related("candidate", "selection_round__cohort__programme", "decision")
        .filter(pk=row.object_id)
        .first()
    )
    return [("decision.pdf", decision_letter_pdf(application=application), "application/pdf")]


# --- The catalogue ----------------------------------------------------------------------------------


def _message(code: str, *, description, trigger, **fields) -> RuleSpec:
    return RuleSpec(
        code=code,
        app_label="selection",
        description=description,
        trigger=trigger,
        audience=Audience.CANDIDATE,
        is_message=True,
        # Every selection message answers what the candidate just did or what the jury just published: it
        # goes at once, whatever the hour. Quiet hours are for nudges (the reminders), not for answers.
        quiet_hours=False,
        is_relevant=fields.pop("is_relevant", dossier_still_there),
        **fields,
    )


CATALOGUE = [
    _message(
        DOSSIER_RECEIVED,
        description=gettext_lazy("Dossier received"),
        trigger=gettext_lazy("The candidate has just sent their dossier."),
        subject_fr="Nous avons bien reçu votre dossier pour « {{ round }} »",
        subject_en="We have received your dossier for “{{ round }}”",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Nous avons bien reçu votre dossier pour « {{ round }} ». Merci pour le temps que vous y avez "
            "consacré.\n\n"
            "Et maintenant ? L'équipe de coordination vérifie vos pièces justificatives. Vous recevrez un "
            "e-mail dès que c'est fait : soit votre dossier part au jury, soit nous vous dirons précisément "
            "ce qu'il faut compléter. Vous pouvez suivre chaque étape depuis votre dossier.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "We have received your dossier for “{{ round }}”. Thank you for the time you gave it.\n\n"
            "What happens next? The coordination team checks your documents. You will receive an e-mail as "
            "soon as this is done: either your dossier goes to the jury, or we tell you exactly what to "
            "complete. You can follow each step from your dossier.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        DOSSIER_INCOMPLETE,
        description=gettext_lazy("Dossier to complete"),
        trigger=gettext_lazy("The coordination checked the documents and sent the dossier back to the candidate."),
        subject_fr="Votre dossier pour « {{ round }} » : un document à compléter",
        subject_en="Your dossier for “{{ round }}”: a document to complete",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Merci pour votre dossier. Avant qu'il puisse partir au jury, un ou plusieurs documents sont à "
            "remplacer ou à ajouter :\n\n{{ note }}\n\n"
            "Rien n'est perdu : ouvrez votre dossier, déposez le document et renvoyez-le. Si ce document est "
            "difficile à obtenir, écrivez-nous ({{ contact }}) : nous chercherons une solution avec vous.\n\n"
            + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Thank you for your dossier. Before it can go to the jury, one or more documents need to be "
            "replaced or added:\n\n{{ note }}\n\n"
            "Nothing is lost: open your dossier, upload the document and send it again. If this document is "
            "hard to obtain, write to us ({{ contact }}): we will look for a solution with you.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        WITHDRAWN,
        description=gettext_lazy("Application withdrawn"),
        trigger=gettext_lazy("The application was withdrawn, by the candidate or by a coordinator on their behalf."),
        subject_fr="Votre candidature pour « {{ round }} » est retirée",
        subject_en="Your application for “{{ round }}” is withdrawn",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Votre candidature pour « {{ round }} » est retirée, comme demandé. Si vous aviez réservé un "
            "entretien ou reçu une proposition de place, ils sont libérés ; vous n'avez rien d'autre à faire.\n\n"
            "S'il s'agit d'une erreur, ou si vous souhaitez en parler, écrivez à l'équipe de coordination : "
            "{{ contact }}. Vous pourrez aussi candidater à un prochain appel.\n\n"
            "Nous vous souhaitons le meilleur pour la suite.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Your application for “{{ round }}” is withdrawn, as requested. If you had booked an interview or "
            "received an offer of a place, they are released; there is nothing else for you to do.\n\n"
            "If this is a mistake, or if you would like to talk about it, write to the coordination team: "
            "{{ contact }}. You are also welcome to apply to a future call.\n\n"
            "We wish you all the best.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        INTERVIEW_INVITED,
        description=gettext_lazy("Invitation to an interview"),
        trigger=gettext_lazy("The coordination invited the candidate to an interview."),
        is_relevant=still_invited,
        subject_fr="« {{ round }} » : le jury souhaite vous rencontrer",
        subject_en="“{{ round }}”: the jury would like to meet you",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Le jury a lu votre dossier pour « {{ round }} » et souhaite vous rencontrer lors d'un entretien. "
            "C'est un échange, pas un examen : il s'agit de mieux connaître votre parcours et votre projet.\n\n"
            "Et maintenant ? Choisissez le créneau qui vous convient depuis votre dossier. Vous recevrez une "
            "confirmation avec un fichier à ajouter à votre agenda, et vous pourrez déplacer ou annuler le "
            "rendez-vous jusqu'à 48 heures avant.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "The jury has read your dossier for “{{ round }}” and would like to meet you for an interview. It "
            "is a conversation, not an exam: the aim is to know your path and your project better.\n\n"
            "What happens next? Choose the slot that suits you from your dossier. You will receive a "
            "confirmation with a file to add to your calendar, and you can move or cancel the appointment "
            "until 48 hours before.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        INTERVIEW_BOOKED,
        description=gettext_lazy("Interview booked (with its calendar file)"),
        trigger=gettext_lazy("The candidate booked or moved an interview slot. The .ics file is attached."),
        is_relevant=booking_unchanged,
        attachments=interview_ics,
        subject_fr="Votre entretien du {{ interview_on }} à {{ interview_time }} est réservé",
        subject_en="Your interview on {{ interview_on }} at {{ interview_time }} is booked",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Votre entretien pour « {{ round }} » est réservé le {{ interview_on }} à {{ interview_time }} "
            "(heure de Paris), jusqu'à {{ interview_end }}.\n\nLieu : {{ place }}\n\n"
            "Le fichier joint ajoute le rendez-vous à votre agenda. Vous pouvez le déplacer ou l'annuler "
            "depuis votre dossier jusqu'au {{ change_until_on }} à {{ change_until_time }} ; après, écrivez "
            "à l'équipe de coordination : {{ contact }}.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Your interview for “{{ round }}” is booked on {{ interview_on }} at {{ interview_time }} "
            "(Paris time), until {{ interview_end }}.\n\nPlace: {{ place }}\n\n"
            "The attached file adds the appointment to your calendar. You can move or cancel it from your "
            "dossier until {{ change_until_on }} at {{ change_until_time }}; after that, write to the "
            "coordination team: {{ contact }}.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        INTERVIEW_CANCELLED,
        description=gettext_lazy("Interview booking cancelled"),
        trigger=gettext_lazy("The candidate cancelled their interview booking (more than 48 hours before)."),
        subject_fr="Votre entretien du {{ interview_on }} est annulé",
        subject_en="Your interview on {{ interview_on }} is cancelled",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Votre entretien du {{ interview_on }} à {{ interview_time }} pour « {{ round }} » est annulé, "
            "comme vous l'avez demandé. Vous pouvez supprimer le rendez-vous de votre agenda.\n\n"
            "Votre invitation reste valable : choisissez un autre créneau depuis votre dossier quand vous le "
            "pourrez. Si aucun ne vous convient, écrivez à l'équipe de coordination : {{ contact }}.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Your interview on {{ interview_on }} at {{ interview_time }} for “{{ round }}” is cancelled, as "
            "you asked. You can remove the appointment from your calendar.\n\n"
            "Your invitation still stands: choose another slot from your dossier when you can. If none suits "
            "you, write to the coordination team: {{ contact }}.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        DECISION_LETTER,
        description=gettext_lazy("Decision letter (with its PDF)"),
        trigger=gettext_lazy("The jury president published the decisions. The letter is attached as a PDF."),
        is_relevant=decision_published,
        attachments=decision_letter,
        subject_fr="« {{ round }} » : la décision du jury",
        subject_en="“{{ round }}”: the jury's decision",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Le jury de sélection de « {{ round }} » a publié ses décisions. Vous trouverez la lettre qui vous "
            "concerne en pièce jointe, et dans votre dossier.\n\n"
            "{% if outcome == 'admitted' %}Et maintenant ? Une place vous est proposée : confirmez-la ou "
            "déclinez-la depuis votre dossier avant le {{ deadline_on }} à {{ deadline_time }} (heure de "
            "Paris).{% elif outcome == 'waitlisted' %}Et maintenant ? Vous êtes sur la liste d'attente. Si une "
            "place se libère, elle vous sera proposée automatiquement et vous recevrez un e-mail ; vous n'avez "
            "rien à faire d'ici là.{% else %}Cette décision ne dit rien de votre valeur. Si vous souhaitez en "
            "parler, l'équipe de coordination est là : {{ contact }}.{% endif %}\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "The selection jury of “{{ round }}” has published its decisions. You will find the letter about "
            "your application attached, and in your dossier.\n\n"
            "{% if outcome == 'admitted' %}What happens next? A place is offered to you: confirm or decline "
            "it from your dossier before {{ deadline_on }} at {{ deadline_time }} (Paris time)."
            "{% elif outcome == 'waitlisted' %}What happens next? You are on the waiting list. If a place "
            "becomes free, it will be offered to you automatically and you will receive an e-mail; there is "
            "nothing to do until then.{% else %}This decision says nothing about your worth. If you would "
            "like to talk about it, the coordination team is there: {{ contact }}.{% endif %}\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        PLACE_CONFIRMED,
        description=gettext_lazy("Place confirmed"),
        trigger=gettext_lazy("The candidate confirmed their place and is now enrolled in the cohort."),
        subject_fr="Votre place dans « {{ cohort }} » est confirmée",
        subject_en="Your place in “{{ cohort }}” is confirmed",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Votre place est confirmée : vous faites désormais partie de la promotion « {{ cohort }} ». "
            "Bienvenue !\n\n"
            "Et maintenant ? Votre espace de formation est ouvert avec les mêmes identifiants : vous y "
            "trouverez les modules et le calendrier des regroupements. L'équipe de coordination vous écrira "
            "avant la rentrée ; pour toute question d'ici là : {{ contact }}.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "Your place is confirmed: you are now part of the “{{ cohort }}” cohort. Welcome!\n\n"
            "What happens next? Your learning space is open with the same login: you will find the modules "
            "and the calendar of sessions there. The coordination team will write to you before the start; "
            "for any question until then: {{ contact }}.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        OFFER_EXPIRED,
        description=gettext_lazy("Offer expired"),
        trigger=gettext_lazy("The deadline to answer an offer of a place passed without an answer."),
        subject_fr="« {{ round }} » : le délai de réponse est passé",
        subject_en="“{{ round }}”: the deadline to answer has passed",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Le délai pour répondre à la place qui vous était proposée pour « {{ round }} » est passé le "
            "{{ deadline_on }} à {{ deadline_time }}, sans réponse de votre part. La place a donc été proposée "
            "à une autre personne.\n\n"
            "Si vous pensez qu'il s'agit d'une erreur, ou si quelque chose vous a empêché de répondre, "
            "écrivez à l'équipe de coordination : {{ contact }}.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "The deadline to answer the place offered to you for “{{ round }}” passed on {{ deadline_on }} at "
            "{{ deadline_time }} without an answer from you. The place has therefore been offered to someone "
            "else.\n\n"
            "If you think this is a mistake, or if something prevented you from answering, write to the "
            "coordination team: {{ contact }}.\n\n" + SIGNATURE_EN
        ),
    ),
    _message(
        PLACE_OFFERED,
        description=gettext_lazy("Place offered from the waiting list"),
        trigger=gettext_lazy("A place became free and was offered to the best-ranked candidate on the waiting list."),
        is_relevant=offer_still_open,
        subject_fr="Bonne nouvelle : une place vous est proposée pour « {{ round }} »",
        subject_en="Good news: a place is offered to you for “{{ round }}”",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Une place s'est libérée pour « {{ round }} » et elle vous est proposée.\n\n"
            "Et maintenant ? Confirmez-la ou déclinez-la depuis votre dossier avant le {{ deadline_on }} à "
            "{{ deadline_time }} (heure de Paris). Sans réponse à cette date, elle sera proposée à la personne "
            "suivante. Si vous hésitez ou avez besoin d'en parler : {{ contact }}.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "A place has become free for “{{ round }}” and it is offered to you.\n\n"
            "What happens next? Confirm or decline it from your dossier before {{ deadline_on }} at "
            "{{ deadline_time }} (Paris time). Without an answer by then, it will be offered to the next "
            "person. If you are unsure or would like to talk about it: {{ contact }}.\n\n" + SIGNATURE_EN
        ),
    ),
]


# --- What each step queues (called by selection.services inside its transaction) --------------------


def _last_transition(application: Application) -> ApplicationTransition:
    return application.transitions.order_by("-at", "-id").first()


def dossier_received(*, application: Application, by) -> None:
    queue(DOSSIER_RECEIVED, application=application, event="submitted", transition=_last_transition(application))


def dossier_incomplete(*, application: Application, by) -> None:
    transition = _last_transition(application)
    queue(
        DOSSIER_INCOMPLETE,
        application=application,
        event="incomplete",
        transition=transition,
        by=by,
        note=transition.note,
        action_url=reverse("selection:dossier_edit", args=[application.pk]),
    )


def withdrawn(*, application: Application, by) -> None:
    queue(WITHDRAWN, application=application, event="withdrawn", transition=_last_transition(application), by=by)


def interview_invited(*, application: Application, by) -> None:
    queue(
        INTERVIEW_INVITED,
        application=application,
        event="interview-invited",
        transition=_last_transition(application),
        by=by,
        action_url=reverse("selection:book_interview", args=[application.pk]),
    )


def _slot_context(slot: InterviewSlot) -> dict:

    until = slot.starts_at - BOOKING_CHANGE_LIMIT
    return {
        "slot_id": slot.pk,
        "interview_on": _day(slot.starts_at),
        "interview_time": _time(slot.starts_at),
        "interview_end": _time(slot.ends_at),
        "place": slot.place,
        "change_until_on": _day(until),
        "change_until_time": _time(until),
    }


def interview_booked(*, booking: InterviewBooking, transition: ApplicationTransition, by) -> None:
    queue(
        INTERVIEW_BOOKED,
        application=booking.application,
        event="interview-booked",
        transition=transition,
        by=by,
        **_slot_context(booking.slot),
    )


def interview_cancelled(
    *, application: Application, slot: InterviewSlot, transition: ApplicationTransition, by
) -> None:
    queue(
        INTERVIEW_CANCELLED,
        application=application,
        event="interview-cancelled",
        transition=transition,
        by=by,
        action_url=reverse("selection:book_interview", args=[application.pk]),
        **_slot_context(slot),
    )


def _offer_context(offer: Offer | None) -> dict:
    if offer is None:
        return {}
    return {"offer_id": offer.pk, "deadline_on": _day(offer.deadline), "deadline_time": _time(offer.deadline)}


def decision_letter_queued(*, application: Application, offer: Offer | None, by) -> None:
    decision = application.decision
    queue(
        DECISION_LETTER,
        application=application,
        event="decision",
        transition=_last_transition(application),
        by=by,
        outcome=decision.outcome,
        rank=decision.rank or "",
        **_offer_context(offer),
    )


def place_confirmed(*, application: Application, by) -> None:
    queue(
        PLACE_CONFIRMED,
        application=application,
        event="confirmed",
        transition=_last_transition(application),
        by=by,
        cohort=str(application.selection_round.cohort),
        action_url=reverse("my_space:home"),
    )


def offer_expired(*, application: Application, offer: Offer) -> None:
    queue(
        OFFER_EXPIRED,
        application=application,
        event="offer-expired",
        transition=_last_transition(application),
        **_offer_context(offer),
    )


def place_offered(*, application: Application, offer: Offer, by) -> None:
    queue(
        PLACE_OFFERED,
        application=application,
        event="place-offered",
        transition=_last_transition(application),
        by=by,
        **_offer_context(offer),
    )
