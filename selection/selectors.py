"""Reads about selection rounds, applications, the jury, interviews and offers."""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cohorts.selectors import cohorts_coordinated_by
from selection.enums import PLACE_HOLDING_OFFER_STATUSES, ApplicationStatus, DecisionOutcome, OfferStatus
from selection.models import (
    BOOKING_CHANGE_LIMIT,
    Application,
    ApplicationDocument,
    ApplicationTransition,
    ConflictOfInterest,
    InterviewBooking,
    JuryAssignment,
    Offer,
    OfferTransition,
    Review,
    ReviewScore,
    ScoringCriterion,
    SelectionRound,
)


def open_rounds_for_programme(*, programme_id: int) -> list[SelectionRound]:
    """Every call for applications open now for a programme, the one closing first first."""
    now = timezone.now()
    return list(
        SelectionRound.objects.filter(cohort__programme_id=programme_id, opens_at__lte=now, closes_at__gt=now)
        .select_related("cohort")
        .order_by("closes_at", "pk")
    )


def open_round_for_programme(*, programme_id: int) -> SelectionRound | None:
    """The open call closing first for a programme, if any."""
    rounds = open_rounds_for_programme(programme_id=programme_id)
    return rounds[0] if rounds else None


def rounds_coordinated_by(*, user) -> QuerySet[SelectionRound]:
    return SelectionRound.objects.filter(cohort__in=cohorts_coordinated_by(user=user)).select_related(
        "cohort__programme"
    )


def rounds_judged_by(*, user) -> QuerySet[SelectionRound]:
    if not user.is_authenticated:
        return SelectionRound.objects.none()
    return (
        SelectionRound.objects.filter(Q(jury_members=user) | Q(jury_president=user))
        .distinct()
        .select_related("cohort__programme")
    )


def applications_of_candidate(*, user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(candidate=user).select_related("selection_round__cohort__programme")


def applications_for_round(
    *, selection_round: SelectionRound, status: str = "", departement: str = "", search: str = ""
) -> QuerySet[Application]:
    """The round's applications for the coordinators' list, filtered, by candidate name: only the columns the list
    shows. Paginate it, then give the page to `with_review_counts`."""
    qs = (
        Application.objects.filter(selection_round=selection_round)
        .select_related("candidate", "decision")
        .only(
            "status",
            "departement",
            "submitted_at",
            "selection_round_id",
            "candidate__first_name",
            "candidate__last_name",
            "candidate__email",
            "decision__outcome",
            "decision__rank",
        )
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )
    if status:
        qs = qs.filter(status=status)
    if departement:
        qs = qs.filter(departement=departement)
    if search:
        qs = qs.filter(
            Q(candidate__last_name__icontains=search)
            | Q(candidate__first_name__icontains=search)
            | Q(candidate__email__icontains=search)
        )
    return qs


def with_review_counts(applications) -> list[Application]:
    """The given applications (one page of the list), each with `n_reviewers` (jury members assigned) and
    `n_reviews` (reviews submitted). One query for the page, whatever the size of the round."""
    applications = list(applications)
    counts = {
        row["pk"]: row
        for row in Application.objects.filter(pk__in=[a.pk for a in applications])
        .values("pk")
        .annotate(
            n_reviewers=Count("assignments", distinct=True),
            n_reviews=Count("reviews", filter=Q(reviews__submitted_at__isnull=False), distinct=True),
        )
        .order_by()
    }
    for application in applications:
        application.n_reviewers = counts[application.pk]["n_reviewers"]
        application.n_reviews = counts[application.pk]["n_reviews"]
    return applications


REVIEWABLE = (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.INTERVIEW_INVITED, ApplicationStatus.INTERVIEWED)


def _pending_assignments() -> QuerySet[JuryAssignment]:
    """Assignments whose reviewer has neither submitted a review nor declared a conflict."""
    return JuryAssignment.objects.exclude(
        Exists(ConflictOfInterest.objects.filter(application=OuterRef("application"), reviewer=OuterRef("reviewer")))
    ).exclude(
        Exists(
            Review.objects.filter(
                application=OuterRef("application"), reviewer=OuterRef("reviewer"), submitted_at__isnull=False
            )
        )
    )


def round_dashboard(*, selection_round: SelectionRound) -> dict:
    """Counts per state, and what needs someone's action today."""
    counts = dict.fromkeys(ApplicationStatus.values, 0)
    for row in Application.objects.filter(selection_round=selection_round).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    apps = Application.objects.filter(selection_round=selection_round)
    soon = timezone.now() + datetime.timedelta(hours=48)
    held = Offer.objects.filter(selection_round=selection_round, status__in=PLACE_HOLDING_OFFER_STATUSES)
    return {
        "counts": [(ApplicationStatus(s).label, s, n) for s, n in counts.items()],
        "total": sum(counts.values()),
        "to_check": counts[ApplicationStatus.SUBMITTED],
        "to_assign": apps.filter(status=ApplicationStatus.COMPLETE).count(),
        "reviews_missing": _pending_assignments()
        .filter(application__selection_round=selection_round, application__status__in=REVIEWABLE)
        .count(),
        "interviews_to_record": apps.filter(
            status=ApplicationStatus.INTERVIEW_INVITED, booking__slot__ends_at__lte=timezone.now()
        ).count(),
        "decisions_to_publish": counts[ApplicationStatus.DELIBERATED],
        "offers_expiring": held.filter(status=OfferStatus.OPEN, deadline__lte=soon).count(),
        "places_held": held.count(),
        "confirmed": held.filter(status=OfferStatus.CONFIRMED).count(),
        "waiting_list": counts[ApplicationStatus.WAITLISTED],
        "published": selection_round.decisions_published_at is not None,
    }


def applications_assigned_to(*, reviewer, selection_round: SelectionRound) -> QuerySet[Application]:
    """The reviewer's dossiers, without those they declared a conflict of interest for."""
    return (
        Application.objects.filter(selection_round=selection_round, assignments__reviewer=reviewer)
        .exclude(conflicts__reviewer=reviewer)
        .select_related("candidate")
        .annotate(
            my_review_at=Max("reviews__submitted_at", filter=Q(reviews__reviewer=reviewer)),
        )
        .order_by("pk")
    )


def is_blind_for(*, application: Application, viewer) -> bool:
    """During an anonymous first reading, a reviewer sees no name until their own review is in."""
    return not viewer.has_perm("selection.see_candidate_identity", application)


@dataclass
class DossierView:
    title: str
    sections: list[tuple[str, str]]
    blind: bool


def dossier_view(*, application: Application, viewer) -> DossierView:
    """What `viewer` may see of the dossier (ask `selection.read_dossier` first)."""
    blind = is_blind_for(application=application, viewer=viewer)
    title = application.reference if blind or application.candidate is None else application.candidate.full_name
    sections = [
        (_("Motivation"), application.motivation),
        (_("Lived experience"), application.lived_experience),
        (_("Professional project"), application.professional_project),
        (_("Availability"), application.availability),
    ]
    if not blind:
        sections.append((_("Département"), application.departement))
    sections.append((_("Accommodation needs"), application.accommodation_needs))
    for question in application.selection_round.questions.all():
        if blind and question.identifying:
            continue
        if question.hidden_at and not application.answers.get(str(question.pk)):
            continue  # no longer asked, and this candidate had not answered it
        sections.append((question.label, application.answers.get(str(question.pk), "")))
    return DossierView(title=title, sections=sections, blind=blind)


def others_reviews_visible(*, application: Application, viewer) -> bool:
    """Another reviewer's scores stay hidden until one's own review is submitted (coordinators see all)."""
    return viewer.has_perm("selection.see_other_reviews", application)


def weighted_total(review: Review, criteria: list[ScoringCriterion]) -> float:
    """A review's score out of 20, each criterion counting for its weight."""
    scores = {s.criterion_id: s.score for s in review.scores.all()}
    top = sum(c.weight * c.max_score for c in criteria)
    if not top:
        return 0.0
    return round(20 * sum(c.weight * scores.get(c.pk, 0) for c in criteria) / top, 2)


@dataclass
class RankingRow:
    application: Application
    totals: list[float]
    mean: float | None
    median: float | None
    spread: float | None


def ranking_board(*, selection_round: SelectionRound) -> list[RankingRow]:
    """Dossiers with submitted reviews, best mean first: weighted totals, mean, median, spread."""
    criteria = list(selection_round.criteria.all())
    applications = (
        Application.objects.filter(selection_round=selection_round, reviews__submitted_at__isnull=False)
        .distinct()
        .select_related("candidate", "decision")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(submitted_at__isnull=False).prefetch_related("scores"),
                to_attr="submitted_reviews",
            )
        )
    )
    rows = []
    for application in applications:
        totals = [weighted_total(r, criteria) for r in application.submitted_reviews]
        rows.append(
            RankingRow(
                application=application,
                totals=totals,
                mean=round(statistics.mean(totals), 2) if totals else None,
                median=round(statistics.median(totals), 2) if totals else None,
                spread=round(max(totals) - min(totals), 2) if totals else None,
            )
        )
    rows.sort(key=lambda r: (-(r.mean or 0), r.application.pk))
    return rows


def transitions_for(*, application: Application) -> QuerySet[ApplicationTransition]:
    return application.transitions.select_related("by").order_by("at", "id")


def publication_warnings(*, selection_round: SelectionRound) -> list[str]:
    """What the jury president should know before publishing: more admissions than free places."""
    admitted = Application.objects.filter(
        selection_round=selection_round,
        status=ApplicationStatus.DELIBERATED,
        decision__outcome=DecisionOutcome.ADMITTED,
    ).count()
    held = Offer.objects.filter(selection_round=selection_round, status__in=PLACE_HOLDING_OFFER_STATUSES).count()
    free = max(selection_round.capacity - held, 0)
    warnings = []
    if admitted > free:
        warnings.append(
            _(
                "Admitted: %(n)s; free places: %(free)s. Publication will be refused: put the others on the "
                "waiting list first."
            )
            % {"n": admitted, "free": free}
        )
    return warnings


def published_decisions(*, selection_round: SelectionRound) -> QuerySet[Application]:
    """The applications of a round whose decision is published, in the order of the letters' bundle."""
    return (
        Application.objects.filter(selection_round=selection_round, decision__published_at__isnull=False)
        .select_related("candidate", "decision", "selection_round__cohort__programme")
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )


def next_step_for_candidate(*, application: Application) -> str:
    """One sentence that always says what happens next, for the candidate's status page."""
    S = ApplicationStatus
    messages = {
        S.DRAFT: _("Your dossier is a draft: complete it and send it before the closing date."),
        S.SUBMITTED: _("Your dossier has been sent. The coordination is checking your documents."),
        S.INCOMPLETE: _(
            "A document needs to be replaced or added. Please look at the comments below, then send again."
        ),
        S.COMPLETE: _("Your dossier is complete. It will soon be read by the jury."),
        S.UNDER_REVIEW: _("The jury is reading your dossier. You will hear from us after the reading."),
        S.INTERVIEW_INVITED: _("The jury would like to meet you. Please choose an interview slot below."),
        S.INTERVIEWED: _("Thank you for the interview. The jury will deliberate; you will receive a letter."),
        S.DELIBERATED: _("The jury has met. All decisions are published together; you will receive a letter."),
        S.ADMITTED: _("You are admitted! Please confirm or decline your place before the deadline."),
        S.WAITLISTED: _("You are on the waiting list. If a place becomes free it will be offered to you by e-mail."),
        S.REFUSED: _("The jury has not selected your application this time. The letter explains why."),
        S.ENROLLED: _("Your place is confirmed: you are enrolled in the cohort. Welcome!"),
        S.DECLINED: _("You did not take the place offered. Your application is closed."),
        S.WITHDRAWN: _("You withdrew your application. It is closed."),
    }
    if application.status == S.INTERVIEW_INVITED:
        booking = InterviewBooking.objects.filter(application=application).select_related("slot").first()
        if booking is not None:
            starts = timezone.localtime(booking.slot.starts_at)
            return _(
                "Your interview is booked on %(date)s at %(time)s (%(place)s). Add it to your calendar with the "
                "file below; after the interview, the jury deliberates and you will receive a letter."
            ) % {"date": date_format(starts, "l j F Y"), "time": starts.strftime("%H:%M"), "place": booking.slot.place}
    return str(messages[application.status])


# --- Reminder selectors (used by the reminder engine's rules) -------------------------------------


def drafts_before_closing(*, days: int, now: datetime.datetime | None = None) -> QuerySet[Application]:
    """Dossiers still drafts in rounds that close within `days` days (and have not closed)."""
    now = now or timezone.now()
    return Application.objects.filter(
        status=ApplicationStatus.DRAFT,
        candidate__isnull=False,
        selection_round__closes_at__gt=now,
        selection_round__closes_at__lte=now + datetime.timedelta(days=days),
    ).select_related("candidate", "selection_round")


def incomplete_applications(*, since: datetime.timedelta | None = None, now=None) -> QuerySet[Application]:
    """Dossiers sent back to the candidate (for at least `since`, when given)."""
    now = now or timezone.now()
    qs = Application.objects.filter(status=ApplicationStatus.INCOMPLETE, candidate__isnull=False)
    if since is not None:
        qs = qs.filter(status_changed_at__lte=now - since)
    return qs.select_related("candidate", "selection_round")


def offers_expiring_within(*, hours: int = 48, now: datetime.datetime | None = None) -> QuerySet[Offer]:
    """Open offers whose deadline falls within the next `hours` hours."""
    now = now or timezone.now()
    return Offer.objects.filter(
        status=OfferStatus.OPEN, deadline__gt=now, deadline__lte=now + datetime.timedelta(hours=hours)
    ).select_related("application__candidate", "selection_round")


def interviews_within(*, days: int = 2, now: datetime.datetime | None = None) -> QuerySet[InterviewBooking]:
    now = now or timezone.now()
    return InterviewBooking.objects.filter(
        application__status=ApplicationStatus.INTERVIEW_INVITED,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + datetime.timedelta(days=days),
    ).select_related("slot", "application__candidate")


def reviews_due(*, today: datetime.date | None = None) -> list[tuple]:
    """(reviewer, round, number of dossiers without their submitted review) for rounds not yet deliberated."""
    today = today or timezone.localdate()
    rows = (
        JuryAssignment.objects.filter(
            application__selection_round__deliberation_on__gte=today,
            application__status__in=[
                ApplicationStatus.UNDER_REVIEW,
                ApplicationStatus.INTERVIEW_INVITED,
                ApplicationStatus.INTERVIEWED,
            ],
        )
        .filter(pk__in=_pending_assignments())
        .values("reviewer", "application__selection_round")
        .annotate(n=Count("id"))
        .order_by("reviewer", "application__selection_round")
    )

    rows = list(rows)
    users = User.objects.in_bulk([r["reviewer"] for r in rows])
    rounds = SelectionRound.objects.in_bulk([r["application__selection_round"] for r in rows])
    return [(users[r["reviewer"]], rounds[r["application__selection_round"]], r["n"]) for r in rows]


def round_setting_usage(*, selection_round: SelectionRound) -> dict[str, dict[int, int]]:
    """How many uploads, scores and answers use each document, criterion and question of the round."""
    documents = dict(
        ApplicationDocument.objects.filter(application__selection_round=selection_round)
        .values("required_document_id")
        .annotate(n=Count("id"))
        .values_list("required_document_id", "n")
    )
    criteria = dict(
        ReviewScore.objects.filter(criterion__selection_round=selection_round)
        .values("criterion_id")
        .annotate(n=Count("id"))
        .values_list("criterion_id", "n")
    )
    questions: dict[int, int] = {}
    applications = Application.objects.filter(selection_round=selection_round).exclude(answers={})
    answers = applications.values_list("answers", flat=True)
    for row in answers.iterator(chunk_size=500):
        for key, value in row.items():
            if key.isdigit() and str(value or "").strip():
                questions[int(key)] = questions.get(int(key), 0) + 1
    return {"document": documents, "criterion": criteria, "question": questions}


def booking_can_change(*, booking: InterviewBooking, now: datetime.datetime | None = None) -> bool:
    """Whether the candidate may still move or cancel the booking online (until 48 hours before)."""
    return booking.slot.starts_at - (now or timezone.now()) >= BOOKING_CHANGE_LIMIT


def offers_with_history(*, application: Application) -> QuerySet[Offer]:
    """The dossier's offers, each with its history (`offer.transitions.all`, who made each move)."""
    return application.offers.prefetch_related(
        Prefetch("transitions", queryset=OfferTransition.objects.select_related("by").order_by("at", "id"))
    ).order_by("created_at", "id")
