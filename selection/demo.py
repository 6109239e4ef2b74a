"""Demo selection round: the next cohort's open call, with dossiers in every state (all synthetic)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import get_or_create_demo_user
from cohorts.models import Cohort, Enrolment
from selection.enums import ApplicationStatus as S
from selection.enums import DecisionOutcome, DocumentStatus, OfferStatus
from selection.models import (
    Application,
    ApplicationDocument,
    ApplicationTransition,
    Decision,
    InterviewBooking,
    InterviewSlot,
    JuryAssignment,
    Offer,
    OfferTransition,
    RequiredDocument,
    Review,
    ReviewScore,
    RoundQuestion,
    ScoringCriterion,
    SelectionRound,
)

DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# key, first name, last name, status, extra
CANDIDATES = [
    ("brouillon", "Clémence", "Royer", S.DRAFT, {}),
    ("envoye", "Hugo", "Lemaire", S.SUBMITTED, {}),
    ("a-completer", "Chloé", "Faure", S.INCOMPLETE, {}),
    ("complet", "Yanis", "Roche", S.COMPLETE, {}),
    ("en-lecture", "Manon", "Girard", S.UNDER_REVIEW, {}),
    ("entretien", "Mehdi", "Colin", S.INTERVIEW_INVITED, {}),
    ("entretien-passe", "Sarah", "Picard", S.INTERVIEWED, {}),
    ("delibere", "Lucas", "Renaud", S.DELIBERATED, {"outcome": DecisionOutcome.ADMITTED}),
    ("admis", "Camille", "Fontaine", S.ADMITTED, {"outcome": DecisionOutcome.ADMITTED}),
    ("inscrit", "Théo", "Marchand", S.ENROLLED, {"outcome": DecisionOutcome.ADMITTED}),
    ("liste-1", "Emma", "Blanc", S.WAITLISTED, {"outcome": DecisionOutcome.WAITLISTED, "rank": 1}),
    ("liste-2", "Nathan", "Guerin", S.WAITLISTED, {"outcome": DecisionOutcome.WAITLISTED, "rank": 2}),
    ("refuse", "Julie", "Perrin", S.REFUSED, {"outcome": DecisionOutcome.REFUSED}),
    ("decline", "Louis", "Dumas", S.DECLINED, {"outcome": DecisionOutcome.ADMITTED}),
    ("retire", "Zoé", "Lucas", S.WITHDRAWN, {}),
]
PATH = [S.DRAFT, S.SUBMITTED, S.COMPLETE, S.UNDER_REVIEW, S.INTERVIEW_INVITED, S.INTERVIEWED, S.DELIBERATED]


def _next_cohort(ctx) -> Cohort:
    current = ctx.objects["cohort"]
    start_year = current.starts_on.year + 1
    cohort, _ = Cohort.objects.get_or_create(
        programme=ctx.objects["programme"],
        label=f"{start_year}-{start_year + 1}",
        defaults={
            "starts_on": datetime.date(start_year, 9, 15),
            "ends_on": datetime.date(start_year + 1, 6, 30),
            "capacity": 4,
        },
    )
    cohort.coordinators.add(ctx.users["coordinator"])
    return cohort


def _round(ctx, cohort: Cohort, other_jurors) -> SelectionRound:
    now = timezone.now()
    today = timezone.localdate()
    selection_round, created = SelectionRound.objects.get_or_create(
        cohort=cohort,
        title=f"Appel à candidatures — promotion {cohort.label}",
        defaults={
            "introduction": "Ce DU forme des pairs-aidants en santé mentale. Données de démonstration.",
            "opens_at": now - datetime.timedelta(days=15),
            "closes_at": now + datetime.timedelta(days=20),
            "interviews_start_on": today + datetime.timedelta(days=22),
            "interviews_end_on": today + datetime.timedelta(days=30),
            "deliberation_on": today + datetime.timedelta(days=32),
            "capacity": 4,
            "jury_president": ctx.users["coordinator"],
        },
    )
    selection_round.jury_members.add(ctx.users["jury"], *other_jurors)
    if created:
        RequiredDocument.objects.create(
            selection_round=selection_round, label="CV", accepted_extensions="pdf,odt,docx", position=1
        )
        RequiredDocument.objects.create(
            selection_round=selection_round,
            label="Lettre de motivation",
            accepted_extensions="pdf,odt,docx",
            position=2,
        )
        ScoringCriterion.objects.create(selection_round=selection_round, label="Motivation", weight=2, position=1)
        ScoringCriterion.objects.create(
            selection_round=selection_round, label="Recul sur le savoir expérientiel", weight=3, position=2
        )
        ScoringCriterion.objects.create(
            selection_round=selection_round, label="Projet professionnel", weight=2, position=3
        )
        RoundQuestion.objects.create(
            selection_round=selection_round,
            label="Dans quelle structure travaillez-vous aujourd'hui ?",
            identifying=True,
        )
    return selection_round


def _slots(selection_round: SelectionRound, jury) -> list[InterviewSlot]:
    if not selection_round.slots.exists():
        day = timezone.make_aware(datetime.datetime.combine(selection_round.interviews_start_on, datetime.time(9, 30)))
        for index in range(6):
            slot = InterviewSlot.objects.create(
                selection_round=selection_round,
                starts_at=day + datetime.timedelta(hours=index),
                ends_at=day + datetime.timedelta(hours=index, minutes=45),
                place="CH Le Vinatier, bâtiment 416, salle 2" if index % 2 else "https://visio.example.test/jury",
            )
            slot.jury.set(jury)
    return list(selection_round.slots.all())


def _application(selection_round, candidate, status, extra, jury, slots, index) -> None:
    if Application.objects.filter(selection_round=selection_round, candidate=candidate).exists():
        return
    application = Application.objects.create(
        selection_round=selection_round,
        candidate=candidate,
        status=status,
        motivation="Je souhaite transmettre ce qui m'a aidé à me rétablir. (texte de démonstration)",
        lived_experience="Récit synthétique de démonstration : un parcours de soins puis de rétablissement.",
        professional_project="Travailler en binôme au sein d'une équipe mobile de psychiatrie.",
        availability="Disponible les jeudis et vendredis.",
        departement=["69", "38", "13", "33", "75"][index % 5],
        submitted_at=None if status == S.DRAFT else timezone.now() - datetime.timedelta(days=10 - index % 5),
        withdrawal_reason="Déménagement (démonstration)" if status == S.WITHDRAWN else "",
    )
    previous = S.DRAFT
    for step in PATH[1:]:
        if status in (S.DRAFT, S.INCOMPLETE, S.WITHDRAWN) or PATH.index(step) > _depth(status):
            break
        ApplicationTransition.objects.create(application=application, from_status=previous, to_status=step)
        previous = step
    if status != previous:
        ApplicationTransition.objects.create(application=application, from_status=previous, to_status=status)
    if status != S.DRAFT:
        doc_status = {S.SUBMITTED: DocumentStatus.PENDING, S.INCOMPLETE: DocumentStatus.REFUSED}.get(
            status, DocumentStatus.VALIDATED
        )
        for required in selection_round.required_documents.all():
            document = ApplicationDocument(
                application=application,
                required_document=required,
                original_name=f"{required.label.lower().replace(' ', '-')}.pdf",
                size=len(DEMO_PDF),
                status=doc_status,
                comment="La deuxième page est illisible." if doc_status == DocumentStatus.REFUSED else "",
            )
            document.file.save(document.original_name, ContentFile(DEMO_PDF), save=False)
            document.save()
    if _depth(status) >= PATH.index(S.UNDER_REVIEW):
        criteria = list(selection_round.criteria.all())
        # Three jurors whose scores differ (offsets 0, 1, 3), so that the ranking's mean, median and spread
        # differ too. The demo juror (jury[0]) has reviewed the dossiers past the interview only: the ones still
        # at the interview step wait for her review.
        for offset, reviewer in zip((0, 1, 3), jury, strict=True):
            JuryAssignment.objects.create(application=application, reviewer=reviewer)
            reviewed_from = S.INTERVIEWED if reviewer == jury[0] else S.INTERVIEW_INVITED
            if _depth(status) >= PATH.index(reviewed_from):
                review = Review.objects.create(
                    application=application,
                    reviewer=reviewer,
                    comment="Avis de démonstration.",
                    submitted_at=timezone.now(),
                )
                for criterion in criteria:
                    ReviewScore.objects.create(review=review, criterion=criterion, score=(index + offset) % 5 + 1)
    if _depth(status) >= PATH.index(S.INTERVIEW_INVITED) and index < len(slots):
        InterviewBooking.objects.create(application=application, slot=slots[index])
    if "outcome" in extra:
        published = status != S.DELIBERATED
        Decision.objects.create(
            application=application,
            outcome=extra["outcome"],
            rank=extra.get("rank"),
            reason="Projet professionnel à préciser (démonstration)." if extra["outcome"] == "refused" else "",
            published_at=timezone.now() if published else None,
        )
    offer_status = {S.ADMITTED: OfferStatus.OPEN, S.ENROLLED: OfferStatus.CONFIRMED, S.DECLINED: OfferStatus.DECLINED}
    if status in offer_status:
        offer = Offer.objects.create(
            application=application,
            selection_round=selection_round,
            status=offer_status[status],
            deadline=timezone.now() + datetime.timedelta(days=5),
        )
        # The offer's history, as the services would have written it.
        OfferTransition.objects.create(offer=offer, by=selection_round.jury_president, to_status=OfferStatus.OPEN)
        if offer.status != OfferStatus.OPEN:
            OfferTransition.objects.create(
                offer=offer,
                by=candidate,
                from_status=OfferStatus.OPEN,
                to_status=offer.status,
                note="Une autre formation plus proche de chez moi (démonstration)."
                if offer.status == OfferStatus.DECLINED
                else "",
            )
    if status == S.ENROLLED:
        Enrolment.objects.get_or_create(cohort=selection_round.cohort, learner=candidate)


def _depth(status) -> int:
    """How far along the main path a status is (published outcomes count as deliberated)."""
    if status in PATH:
        return PATH.index(status)
    if status in (S.ADMITTED, S.WAITLISTED, S.REFUSED, S.ENROLLED, S.DECLINED):
        return PATH.index(S.DELIBERATED)
    return 0


def seed(ctx) -> None:
    cohort = _next_cohort(ctx)
    other_jurors = [
        get_or_create_demo_user("jury2", "Marc", "Dubois"),
        get_or_create_demo_user("jury3", "Adèle", "Chevalier"),
    ]
    selection_round = _round(ctx, cohort, other_jurors)
    jury = [ctx.users["jury"], *other_jurors]
    slots = _slots(selection_round, jury)
    for index, (key, first_name, last_name, status, extra) in enumerate(CANDIDATES):
        candidate = get_or_create_demo_user(f"candidat-{key}", first_name, last_name)
        _application(selection_round, candidate, status, extra, jury, slots, index)
    _application(selection_round, ctx.users["candidate"], S.SUBMITTED, {}, jury, slots, len(CANDIDATES))
    if selection_round.decisions_published_at is None:
        selection_round.decisions_published_at = timezone.now()
        selection_round.save(update_fields=["decisions_published_at"])
    ctx.objects["next_cohort"] = cohort
    ctx.objects["selection_round"] = selection_round
