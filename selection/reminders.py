"""The selection's and the calendar's reminders, declared to the reminder engine (see tasks.registry).

What the selection e-mails at the moment it happens (dossier sent back as incomplete, invitation to an
interview, decision letter with the offer, offer expired...) are one-off messages declared in
selection.messages; the rules here are the timed ones that follow: a dossier still a draft 7
and 2 days before the closing, a dossier still incomplete 3 days later, an interview in 2 days, an
offer whose deadline is 48 hours away, the jury's reviews before the deliberation, . Coordinators also get two live
sections in their daily digest: documents to check and decisions waiting to be published.

Each planner streams its rows and each relevance check re-reads the database just before sending: a
reminder whose reason has gone (dossier submitted, offer answered, session moved) is cancelled.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from selection import selectors
from selection.enums import ApplicationStatus, DocumentStatus, OfferStatus
from selection.messages import CATALOGUE as MESSAGES
from selection.models import Application, ApplicationDocument, InterviewBooking, Offer, SelectionRound
from tasks import timing
from tasks.enums import Audience, OffsetUnit
from tasks.registry import DigestLine, DigestSection, Due, RuleSpec

DRAFT_7_DAYS = "cohorts.dossier_draft_7_days"
DRAFT_2_DAYS = "cohorts.dossier_draft_2_days"
INCOMPLETE = "cohorts.dossier_incomplete"
INTERVIEW_SOON = "cohorts.interview_soon"
OFFER_DEADLINE = "cohorts.offer_deadline_soon"
JURY_REVIEWS = "cohorts.jury_reviews_due"
COORDINATOR_DIGEST = "tasks.coordinator_daily_digest"

SIGNATURE_FR = "Bien à vous,\nL'équipe de la formation"
SIGNATURE_EN = "Kind regards,\nThe course team"


def _window_days(rule) -> int:
    """How far ahead a planner looks: the offset, stretched when it counts business days."""
    value = abs(rule.offset_value)
    if rule.offset_unit == OffsetUnit.BUSINESS_DAYS:
        return value * 2 + 5
    return value + 1


def _stamp(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%Y%m%dT%H%M")


def _day(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%d/%m/%Y")


def _time(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%H:%M")


def _dossier_url(application_id: int) -> str:
    return reverse("selection:dossier", args=[application_id])


# --- Candidate: dossier still a draft before the closing -------------------------------------------


def plan_drafts_before_closing(rule, now: datetime.datetime) -> Iterator[Due]:
    rows = (
        selectors.drafts_before_closing(days=_window_days(rule), now=now)
        .order_by("pk")
        .values_list(
            "pk",
            "candidate_id",
            "candidate__email",
            "selection_round__cohort_id",
            "selection_round__title",
            "selection_round__closes_at",
            "created_at",
        )
    )
    for pk, candidate_id, email, cohort_id, title, closes_at, created_at in rows.iterator(chunk_size=2000):
        if created_at > timing.apply_offset(closes_at, rule.offset_value, rule.offset_unit):
            continue  # begun after this reminder's moment: the next one (or none) will do
        yield Due(
            reason=f"application:{pk}:closes:{_stamp(closes_at)}",
            reference=closes_at,
            recipient_id=candidate_id,
            email=email,
            subject_ref=("selection.application", pk),
            cohort_id=cohort_id,
            action_url=_dossier_url(pk),
            context={
                "round": title,
                "closes_on": _day(closes_at),
                "closes_at_time": _time(closes_at),
                "closes_key": _stamp(closes_at),
            },
        )


def draft_still_open(row) -> bool:
    closes_at = (
        Application.objects.filter(pk=row.object_id, status=ApplicationStatus.DRAFT)
        .values_list("selection_round__closes_at", flat=True)
        .first()
    )
    return closes_at is not None and closes_at > timezone.now() and _stamp(closes_at) == row.context.get("closes_key")


_DRAFT_BODY_FR = (
    "Bonjour {{ first_name }},\n\n"
    "Votre dossier pour « {{ round }} » est commencé mais pas encore envoyé. L'appel se clôt le "
    "{{ closes_on }} à {{ closes_at_time }} (heure de Paris).\n\n"
    "Vous pouvez le reprendre là où vous l'avez laissé : {{ action_url }}\n\n"
    "Si vous avez une question ou si quelque chose vous bloque, l'équipe de coordination est là pour "
    "vous aider. Et si vous avez choisi de ne pas poursuivre, vous pouvez simplement ignorer ce message.\n\n"
    + SIGNATURE_FR
)
_DRAFT_BODY_EN = (
    "Hello {{ first_name }},\n\n"
    "Your dossier for “{{ round }}” is started but not sent yet. The call closes on {{ closes_on }} at "
    "{{ closes_at_time }} (Paris time).\n\n"
    "You can pick it up where you left it: {{ action_url }}\n\n"
    "If you have a question or something is holding you back, the coordination team is there to help. "
    "And if you have decided not to go on, you can simply ignore this message.\n\n" + SIGNATURE_EN
)


# --- Candidate: dossier still incomplete ------------------------------------------------------------


def plan_incomplete(rule, now: datetime.datetime) -> Iterator[Due]:
    rows = (
        selectors.incomplete_applications(now=now)
        .order_by("pk")
        .values_list(
            "pk",
            "candidate_id",
            "candidate__email",
            "selection_round__cohort_id",
            "selection_round__title",
            "status_changed_at",
        )
    )
    for pk, candidate_id, email, cohort_id, title, since in rows.iterator(chunk_size=2000):
        yield Due(
            reason=f"application:{pk}:incomplete-since:{since:%Y%m%dT%H%M%S}",
            reference=since,
            recipient_id=candidate_id,
            email=email,
            subject_ref=("selection.application", pk),
            cohort_id=cohort_id,
            action_url=_dossier_url(pk),
            context={"round": title, "since": since.isoformat()},
        )


def still_incomplete(row) -> bool:
    since = (
        Application.objects.filter(pk=row.object_id, status=ApplicationStatus.INCOMPLETE)
        .values_list("status_changed_at", flat=True)
        .first()
    )
    return since is not None and since.isoformat() == row.context.get("since")


# --- Candidate: interview in two days ---------------------------------------------------------------


def plan_interviews(rule, now: datetime.datetime) -> Iterator[Due]:
    rows = (
        selectors.interviews_within(days=_window_days(rule), now=now)
        .order_by("pk")
        .values_list(
            "application_id",
            "slot_id",
            "application__candidate_id",
            "application__candidate__email",
            "application__selection_round__cohort_id",
            "application__selection_round__title",
            "slot__starts_at",
            "slot__place",
            "booked_at",
        )
    )
    for application_id, slot_id, candidate_id, email, cohort_id, title, starts_at, place, booked_at in rows.iterator(
        chunk_size=2000
    ):
        if booked_at > timing.apply_offset(starts_at, rule.offset_value, rule.offset_unit):
            continue  # booked at the last minute: the booking confirmation has just said it all
        yield Due(
            reason=f"application:{application_id}:slot:{slot_id}:at:{_stamp(starts_at)}",
            reference=starts_at,
            recipient_id=candidate_id,
            email=email,
            subject_ref=("selection.application", application_id),
            cohort_id=cohort_id,
            action_url=_dossier_url(application_id),
            context={
                "round": title,
                "interview_on": _day(starts_at),
                "interview_time": _time(starts_at),
                "place": place,
                "slot_id": slot_id,
                "at_key": _stamp(starts_at),
            },
        )


def interview_still_ahead(row) -> bool:
    starts_at = (
        InterviewBooking.objects.filter(
            application_id=row.object_id,
            slot_id=row.context.get("slot_id"),
            application__status=ApplicationStatus.INTERVIEW_INVITED,
        )
        .values_list("slot__starts_at", flat=True)
        .first()
    )
    return starts_at is not None and starts_at > timezone.now() and _stamp(starts_at) == row.context.get("at_key")


# --- Candidate: the offer's deadline is near --------------------------------------------------------


def plan_offer_deadlines(rule, now: datetime.datetime) -> Iterator[Due]:
    rows = (
        selectors.offers_expiring_within(hours=_window_days(rule) * 24, now=now)
        .order_by("pk")
        .values_list(
            "pk",
            "application_id",
            "application__candidate_id",
            "application__candidate__email",
            "selection_round__cohort_id",
            "selection_round__title",
            "deadline",
            "created_at",
        )
    )
    for pk, application_id, candidate_id, email, cohort_id, title, deadline, created_at in rows.iterator(
        chunk_size=2000
    ):
        if created_at > timing.apply_offset(deadline, rule.offset_value, rule.offset_unit):
            continue  # a short deadline: the offer itself was the reminder
        yield Due(
            reason=f"offer:{pk}:deadline:{_stamp(deadline)}",
            reference=deadline,
            recipient_id=candidate_id,
            email=email,
            subject_ref=("selection.offer", pk),
            cohort_id=cohort_id,
            action_url=reverse("selection:answer_offer", args=[application_id]),
            context={
                "round": title,
                "deadline_on": _day(deadline),
                "deadline_time": _time(deadline),
                "deadline_key": _stamp(deadline),
            },
        )


def offer_still_open(row) -> bool:
    deadline = (
        Offer.objects.filter(pk=row.object_id, status=OfferStatus.OPEN).values_list("deadline", flat=True).first()
    )
    return deadline is not None and deadline > timezone.now() and _stamp(deadline) == row.context.get("deadline_key")


# --- Jury member: reviews due before the deliberation -----------------------------------------------


def _deliberation_moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=timing.PARIS)


def plan_jury_reviews(rule, now: datetime.datetime) -> Iterator[Due]:
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=_window_days(rule))
    # One row per (jury member, round): a handful per round, never one per dossier.
    for reviewer, selection_round, count in selectors.reviews_due(today=today):
        if selection_round.deliberation_on > horizon or not reviewer.is_active:
            continue
        day = selection_round.deliberation_on
        yield Due(
            reason=f"round:{selection_round.pk}:reviewer:{reviewer.pk}:deliberation:{day.isoformat()}",
            reference=_deliberation_moment(day),
            recipient_id=reviewer.pk,
            email=reviewer.email,
            subject_ref=("selection.selectionround", selection_round.pk),
            cohort_id=selection_round.cohort_id,
            action_url=reverse("selection:jury_home"),
            context={
                "round": selection_round.title,
                "count": count,
                "deliberation_on": day.strftime("%d/%m/%Y"),
                "deliberation_key": day.isoformat(),
            },
        )


def reviews_still_due(row) -> bool:
    selection_round = SelectionRound.objects.filter(pk=row.object_id).first()
    if selection_round is None or selection_round.deliberation_on.isoformat() != row.context.get("deliberation_key"):
        return False
    return any(
        reviewer.pk == row.recipient_id and found.pk == selection_round.pk
        for reviewer, found, _count in selectors.reviews_due()
    )


# --- Coordinators' daily digest: documents to check, decisions to publish ---------------------------

_CLOSED_APPLICATIONS = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


def _documents_to_check():
    return ApplicationDocument.objects.filter(status=DocumentStatus.PENDING).exclude(
        application__status__in=_CLOSED_APPLICATIONS
    )


def documents_recipients(now: datetime.datetime):
    return (
        _documents_to_check()
        .values_list("application__selection_round__cohort__coordinators", flat=True)
        .exclude(application__selection_round__cohort__coordinators=None)
        .distinct()
    )


def documents_lines(user, now: datetime.datetime) -> list[DigestLine]:
    rows = (
        _documents_to_check()
        .filter(application__selection_round__cohort__coordinators=user)
        .values("application__selection_round_id", "application__selection_round__title")
        .annotate(n=Count("pk", distinct=True))
        .order_by("application__selection_round__title")
    )
    return [
        DigestLine(
            text=ngettext(
                "%(count)s document to check for “%(round)s”",
                "%(count)s documents to check for “%(round)s”",
                row["n"],
            )
            % {"count": row["n"], "round": row["application__selection_round__title"]},
            url=reverse("selection:manage_applications", args=[row["application__selection_round_id"]]),
        )
        for row in rows
    ]


def _rounds_with_decisions():
    return SelectionRound.objects.annotate(
        to_publish=Count("applications", filter=Q(applications__status=ApplicationStatus.DELIBERATED))
    ).filter(to_publish__gt=0)


def decisions_recipients(now: datetime.datetime):
    rounds = _rounds_with_decisions()
    ids = set(rounds.exclude(jury_president=None).values_list("jury_president_id", flat=True))
    ids.update(rounds.exclude(cohort__coordinators=None).values_list("cohort__coordinators", flat=True).distinct())
    return ids


def decisions_lines(user, now: datetime.datetime) -> list[DigestLine]:
    rounds = (
        _rounds_with_decisions()
        .filter(Q(cohort__coordinators=user) | Q(jury_president=user))
        .distinct()
        .order_by("title")
    )
    return [
        DigestLine(
            text=ngettext(
                "%(count)s decision recorded for “%(round)s” is waiting to be published",
                "%(count)s decisions recorded for “%(round)s” are waiting to be published",
                selection_round.to_publish,
            )
            % {"count": selection_round.to_publish, "round": selection_round.title},
            url=reverse("selection:manage_dashboard", args=[selection_round.pk]),
        )
        for selection_round in rounds
    ]


# --- The catalogue ----------------------------------------------------------------------------------


def _draft_rule(code: str, days: int, description) -> RuleSpec:
    return RuleSpec(
        code=code,
        app_label="selection",
        description=description,
        trigger=gettext_lazy("A candidate's dossier is still a draft; the reference is the call's closing."),
        audience=Audience.CANDIDATE,
        offset_value=-days,
        offset_unit=OffsetUnit.DAYS,
        optional=True,
        planner=plan_drafts_before_closing,
        is_relevant=draft_still_open,
        subject_fr="Votre dossier pour « {{ round }} » vous attend",
        subject_en="Your dossier for “{{ round }}” is waiting for you",
        body_fr=_DRAFT_BODY_FR,
        body_en=_DRAFT_BODY_EN,
    )


CATALOGUE = [
    _draft_rule(DRAFT_7_DAYS, 7, gettext_lazy("Dossier not sent, 7 days before the closing")),
    _draft_rule(DRAFT_2_DAYS, 2, gettext_lazy("Dossier not sent, 2 days before the closing")),
    RuleSpec(
        code=INCOMPLETE,
        app_label="selection",
        description=gettext_lazy("Dossier still incomplete"),
        trigger=gettext_lazy(
            "The dossier was sent back to the candidate (a document to replace or to add); the reference is "
            "that moment. The candidate was told at once by the selection itself."
        ),
        audience=Audience.CANDIDATE,
        offset_value=3,
        offset_unit=OffsetUnit.DAYS,
        planner=plan_incomplete,
        is_relevant=still_incomplete,
        subject_fr="Votre dossier pour « {{ round }} » : un document reste à compléter",
        subject_en="Your dossier for “{{ round }}”: a document is still to be completed",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Il y a quelques jours, nous vous avons demandé de compléter votre dossier pour « {{ round }} ». "
            "Il manque encore un élément pour que le jury puisse l'étudier.\n\n"
            "Vous trouverez le détail et pourrez déposer le document ici : {{ action_url }}\n\n"
            "Si ce document est difficile à obtenir, dites-le-nous : nous chercherons une solution avec vous.\n\n"
            + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "A few days ago we asked you to complete your dossier for “{{ round }}”. One item is still "
            "missing for the jury to study it.\n\n"
            "You will find the details and can upload the document here: {{ action_url }}\n\n"
            "If this document is hard to obtain, let us know: we will look for a solution with you.\n\n" + SIGNATURE_EN
        ),
    ),
    RuleSpec(
        code=INTERVIEW_SOON,
        app_label="selection",
        description=gettext_lazy("Interview in two days"),
        trigger=gettext_lazy(
            "The candidate booked an interview slot; the reference is its start. The invitation and the "
            "booking confirmation are sent by the selection itself."
        ),
        audience=Audience.CANDIDATE,
        offset_value=-2,
        offset_unit=OffsetUnit.DAYS,
        planner=plan_interviews,
        is_relevant=interview_still_ahead,
        subject_fr="Votre entretien du {{ interview_on }} à {{ interview_time }}",
        subject_en="Your interview on {{ interview_on }} at {{ interview_time }}",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Nous vous rappelons votre entretien pour « {{ round }} » le {{ interview_on }} à "
            "{{ interview_time }} (heure de Paris), lieu : {{ place }}.\n\n"
            "Il s'agit d'un échange, pas d'un examen : le jury souhaite simplement mieux connaître votre "
            "projet. Si vous avez un empêchement, prévenez-nous dès que possible depuis votre dossier : "
            "{{ action_url }}\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "This is a reminder of your interview for “{{ round }}” on {{ interview_on }} at "
            "{{ interview_time }} (Paris time), place: {{ place }}.\n\n"
            "It is a conversation, not an exam: the jury simply wishes to know your project better. If "
            "something prevents you from coming, let us know as soon as you can from your dossier: "
            "{{ action_url }}\n\n" + SIGNATURE_EN
        ),
    ),
    RuleSpec(
        code=OFFER_DEADLINE,
        app_label="selection",
        description=gettext_lazy("Offer of a place: deadline in 48 hours"),
        trigger=gettext_lazy(
            "An offer of a place awaits the candidate's answer; the reference is its deadline. The offer "
            "itself and its expiry are e-mailed by the selection."
        ),
        audience=Audience.CANDIDATE,
        offset_value=-2,
        offset_unit=OffsetUnit.DAYS,
        planner=plan_offer_deadlines,
        is_relevant=offer_still_open,
        subject_fr="Votre place dans la formation : réponse attendue avant le {{ deadline_on }}",
        subject_en="Your place on the course: answer expected before {{ deadline_on }}",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Une place vous est proposée pour « {{ round }} ». Pour la garder, il vous suffit de répondre "
            "avant le {{ deadline_on }} à {{ deadline_time }} (heure de Paris) : {{ action_url }}\n\n"
            "Si vous hésitez ou avez besoin d'en parler, l'équipe de coordination est disponible. Sans "
            "réponse à cette date, la place pourra être proposée à une autre personne.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "A place is offered to you for “{{ round }}”. To keep it, you just need to answer before "
            "{{ deadline_on }} at {{ deadline_time }} (Paris time): {{ action_url }}\n\n"
            "If you are unsure or would like to talk about it, the coordination team is available. Without "
            "an answer by then, the place may be offered to someone else.\n\n" + SIGNATURE_EN
        ),
    ),
    RuleSpec(
        code=JURY_REVIEWS,
        app_label="selection",
        description=gettext_lazy("Jury: reviews due before the deliberation"),
        trigger=gettext_lazy(
            "A jury member still has assigned dossiers without a submitted review (or declared conflict); "
            "the reference is the deliberation date, 9:00."
        ),
        audience=Audience.JURY,
        offset_value=-3,
        offset_unit=OffsetUnit.BUSINESS_DAYS,
        business_days_only=True,
        planner=plan_jury_reviews,
        is_relevant=reviews_still_due,
        subject_fr="Jury « {{ round }} » : {{ count }} avis à rendre avant le {{ deliberation_on }}",
        subject_en="Jury “{{ round }}”: {{ count }} review{{ count|pluralize }} due before {{ deliberation_on }}",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "La délibération de « {{ round }} » aura lieu le {{ deliberation_on }}. {{ count }} dossier"
            "{{ count|pluralize }} qui vous {{ count|pluralize:'est,sont' }} confié{{ count|pluralize }} "
            "attend{{ count|pluralize:',ent' }} encore votre avis.\n\n"
            "Vous les retrouverez dans votre espace jury : {{ action_url }}\n\n"
            "Merci pour le temps que vous donnez à cette sélection.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "The deliberation of “{{ round }}” takes place on {{ deliberation_on }}. {{ count }} dossier"
            "{{ count|pluralize }} assigned to you still await{{ count|pluralize:'s,' }} your review.\n\n"
            "You will find them in your jury space: {{ action_url }}\n\n"
            "Thank you for the time you give to this selection.\n\n" + SIGNATURE_EN
        ),
    ),
]

SECTIONS = [
    DigestSection(
        code="cohorts.documents_to_check",
        digest_rule=COORDINATOR_DIGEST,
        title=gettext_lazy("Documents to check"),
        lines=documents_lines,
        recipients=documents_recipients,
    ),
    DigestSection(
        code="cohorts.decisions_to_publish",
        digest_rule=COORDINATOR_DIGEST,
        title=gettext_lazy("Decisions to publish"),
        lines=decisions_lines,
        recipients=decisions_recipients,
    ),
]


# What the reminder engine finds here (tasks.registry.discover): the timed rules, the selection's one-off
# messages, and the coordinators' digest sections.
RULES = [*CATALOGUE, *MESSAGES]
DIGEST_SECTIONS = SECTIONS
