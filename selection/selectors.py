"""Reads about selection rounds, applications, the jury, interviews and offers."""

import datetime
import statistics
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from cohorts.selectors import cohorts_coordinated_by
from core import pagination
from core.dates import DayFormat
from core.links import UrlPattern
from selection.enums import (
    JURY_REVIEWED,
    JURY_TO_REVIEW,
    PLACE_HOLDING_OFFER_STATUSES,
    RANKING_UNDECIDED,
    ApplicationStatus,
    DecisionOutcome,
    OfferStatus,
)
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


def round_applications(
    *, selection_round: SelectionRound, status: str = "", departement: str = "", search: str = ""
) -> QuerySet[Application]:
    """The round's applications, filtered as on the coordinators' list: what the list counts (a plain `COUNT`)."""
    qs = Application.objects.filter(selection_round=selection_round)
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


def applications_for_round(applications: QuerySet[Application]) -> QuerySet:
    """`applications` (from `round_applications`) for the coordinators' list, by candidate name, as plain values:
    only the columns the list shows, with `n_reviewers` (jury members assigned) and `n_reviews` (reviews submitted)
    counted by SQL for the rows read only. Paginate it, counting `applications` itself (the joins and counts added
    here do not change how many rows there are), then give the page to `application_rows`."""
    return (
        applications.annotate(
            n_reviewers=_count_of(JuryAssignment.objects.all()),
            n_reviews=_count_of(Review.objects.filter(submitted_at__isnull=False)),
        )
        .values(
            "pk",
            "status",
            "departement",
            "submitted_at",
            "candidate_id",
            "candidate__first_name",
            "candidate__last_name",
            "decision__outcome",
            "decision__rank",
            "n_reviewers",
            "n_reviews",
        )
        # A dossier whose candidate was erased (no name) comes last, on every database.
        .order_by(F("candidate__last_name").asc(nulls_last=True), F("candidate__first_name").asc(nulls_last=True), "pk")
    )


def _count_of(rows: QuerySet) -> Coalesce:
    """How many of `rows` belong to the outer query's application, as a correlated subquery."""
    counted = rows.filter(application=OuterRef("pk")).order_by().values("application").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def application_rows(values, *, selection_round: SelectionRound) -> list[dict]:
    """The rows of the coordinators' list for one page of `applications_for_round`, each cell's text computed
    here once for the page (a URL reversed once, each status and outcome translated once) rather than per cell in
    the template: `url`, `name` (the candidate's, or the dossier's reference), `status`, `departement`,
    `submitted_on`, `reviews` ("submitted/assigned"), `decision` (the outcome and rank, or "")."""
    url = UrlPattern("selection:manage_application", selection_round.pk)
    statuses = {value: str(label) for value, label in ApplicationStatus.choices}
    outcomes = {value: str(label) for value, label in DecisionOutcome.choices}
    day = DayFormat("j F Y")
    rows = []
    for row in values:
        pk, outcome, rank = row["pk"], row["decision__outcome"], row["decision__rank"]
        if row["candidate_id"]:  # as User.full_name
            name = f"{row['candidate__first_name']} {row['candidate__last_name']}".strip()
        else:
            name = Application(pk=pk).reference
        decision = outcomes.get(outcome, outcome) if outcome else ""
        rows.append(
            {
                "url": url(pk),
                "name": name,
                "status": statuses.get(row["status"], row["status"]),
                "departement": row["departement"],
                "submitted_on": day(row["submitted_at"]),
                "reviews": f"{row['n_reviews']}/{row['n_reviewers']}",
                "decision": f"{decision} ({rank})" if decision and rank else decision,
            }
        )
    return rows


JURY_BOARD_STATUSES = (ApplicationStatus.COMPLETE, ApplicationStatus.UNDER_REVIEW)


def jury_board(
    *, selection_round: SelectionRound, status: str = "", missing: bool = False, search: str = ""
) -> QuerySet[Application]:
    """The dossiers waiting for the jury (complete or under review), by candidate name, for the coordinators' jury
    page: optionally of one status, only those with fewer reviewers free of conflict than the round asks
    (`missing`, what the automatic assignment would fill), or whose candidate's name or e-mail contains `search`.
    Paginate it: the assignments and conflicts are read for the page only (two queries)."""
    qs = Application.objects.filter(
        selection_round=selection_round, status__in=[status] if status in JURY_BOARD_STATUSES else JURY_BOARD_STATUSES
    )
    if missing:
        conflicted = ConflictOfInterest.objects.filter(application=OuterRef(OuterRef("pk"))).values("reviewer_id")
        active = (
            JuryAssignment.objects.filter(application=OuterRef("pk"))
            .exclude(reviewer_id__in=conflicted)
            .values("application_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        qs = qs.annotate(n_active=Coalesce(Subquery(active), 0)).filter(
            n_active__lt=selection_round.reviews_per_application
        )
    if search:
        qs = qs.filter(
            Q(candidate__last_name__icontains=search)
            | Q(candidate__first_name__icontains=search)
            | Q(candidate__email__icontains=search)
        )
    return (
        qs.select_related("candidate")
        .only("status", "selection_round_id", "candidate__first_name", "candidate__last_name")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=JuryAssignment.objects.select_related("reviewer").only(
                    "application_id", "reviewer__first_name", "reviewer__last_name"
                ),
            ),
            Prefetch("conflicts", queryset=ConflictOfInterest.objects.only("application_id")),
        )
        .order_by("candidate__last_name", "candidate__first_name", "pk")
    )


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


def jury_rounds_summary(*, reviewer, rounds) -> list[tuple[SelectionRound, int, int]]:
    """Each round the person judges, with how many dossiers are assigned to them (conflicts left out) and how many
    of those they have reviewed. One query whatever the number of dossiers."""
    rounds = list(rounds)
    counts = {
        row["selection_round_id"]: (row["assigned"], row["reviewed"])
        for row in Application.objects.filter(
            selection_round__in=[r.pk for r in rounds], assignments__reviewer=reviewer
        )
        .exclude(conflicts__reviewer=reviewer)
        .annotate(
            mine=Exists(
                Review.objects.filter(application=OuterRef("pk"), reviewer=reviewer, submitted_at__isnull=False)
            )
        )
        .values("selection_round_id")
        .annotate(assigned=Count("pk", distinct=True), reviewed=Count("pk", filter=Q(mine=True), distinct=True))
        .order_by()
    }
    return [(r, *counts.get(r.pk, (0, 0))) for r in rounds]


def dossiers_assigned_to(*, reviewer, rounds, state: str = "") -> QuerySet[Application]:
    """The reviewer's dossiers across the given rounds (conflicts left out), by round then dossier, optionally only
    those still to review (`JURY_TO_REVIEW`: no review of theirs submitted) or already reviewed. Paginate it."""
    mine = Review.objects.filter(application=OuterRef("pk"), reviewer=reviewer, submitted_at__isnull=False)
    qs = (
        Application.objects.filter(selection_round__in=rounds, assignments__reviewer=reviewer)
        .exclude(conflicts__reviewer=reviewer)
        .select_related("candidate", "selection_round")
        .only(
            "status",
            "selection_round__title",
            "selection_round__anonymous_first_reading",
            "candidate__first_name",
            "candidate__last_name",
        )
        .annotate(my_review_at=Subquery(mine.values("submitted_at")[:1]))
        .order_by("selection_round_id", "pk")
    )
    if state == JURY_TO_REVIEW:
        qs = qs.filter(~Exists(mine))
    elif state == JURY_REVIEWED:
        qs = qs.filter(Exists(mine))
    return qs


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
    application: Application | None
    totals: list[float]
    mean: float | None
    median: float | None
    spread: float | None
    rank: int = 0  # place in the whole ranking (1 = best mean), whatever the filter or the page shown
    application_id: int | None = None
    outcome: str = ""  # the decision recorded, "" when none


def _ranking(selection_round: SelectionRound) -> list[RankingRow]:
    """The whole ranking without the dossiers themselves: each reviewed application's totals, best mean first.

    Two queries whatever the size: the criteria, and the submitted reviews with their weighted points summed in
    SQL (`weighted_total`'s rule: 20 x the sum of weight x score over the sum of weight x maximum)."""
    criteria = list(selection_round.criteria.all())
    top = sum(c.weight * c.max_score for c in criteria)
    reviews = (
        Review.objects.filter(application__selection_round=selection_round, submitted_at__isnull=False)
        .annotate(
            points=Sum(
                F("scores__score") * F("scores__criterion__weight"),
                filter=Q(scores__criterion__selection_round=selection_round),
            )
        )
        .values_list("application_id", "application__decision__outcome", "points")
        .order_by("application_id", "pk")
    )
    totals: dict[int, list[float]] = {}
    outcomes: dict[int, str] = {}
    for application_id, outcome, points in reviews:
        totals.setdefault(application_id, []).append(round(20 * (points or 0) / top, 2) if top else 0.0)
        outcomes[application_id] = outcome or ""
    rows = [
        RankingRow(
            application=None,
            totals=values,
            mean=round(statistics.mean(values), 2),
            median=round(statistics.median(values), 2),
            spread=round(max(values) - min(values), 2),
            application_id=application_id,
            outcome=outcomes[application_id],
        )
        for application_id, values in totals.items()
    ]
    rows.sort(key=lambda r: (-r.mean, r.application_id))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return rows


def _with_applications(rows: list[RankingRow]) -> list[RankingRow]:
    """Loads the dossiers of the given rows (one page): one query, only what the board shows."""
    applications = Application.objects.filter(pk__in=[row.application_id for row in rows]).select_related(
        "candidate", "decision"
    )
    found = {
        application.pk: application
        for application in applications.only(
            "selection_round_id",
            "candidate__first_name",
            "candidate__last_name",
            "decision__outcome",
            "decision__rank",
        )
    }
    for row in rows:
        row.application = found[row.application_id]
    return rows


def ranking_board(*, selection_round: SelectionRound) -> list[RankingRow]:
    """Dossiers with submitted reviews, best mean first: weighted totals, mean, median, spread. Three queries."""
    return _with_applications(_ranking(selection_round))


def ranking_page(
    *, selection_round: SelectionRound, outcome: str = "", search: str = "", page_number=None, per_page=None
):
    """One page of the ranking board, each row keeping its rank in the whole ranking: optionally only the dossiers
    with a given decision (`RANKING_UNDECIDED`: none yet) or whose candidate's name or e-mail contains `search`.
    Returns the `Page` (its `object_list` the rows, dossiers loaded) and the number of reviewed dossiers. Four
    queries whatever the size (five with a search)."""
    rows = _ranking(selection_round)
    reviewed = len(rows)
    if outcome == RANKING_UNDECIDED:
        rows = [row for row in rows if not row.outcome]
    elif outcome:
        rows = [row for row in rows if row.outcome == outcome]
    if search:
        found = set(
            Application.objects.filter(selection_round=selection_round)
            .filter(
                Q(candidate__last_name__icontains=search)
                | Q(candidate__first_name__icontains=search)
                | Q(candidate__email__icontains=search)
            )
            .values_list("pk", flat=True)
        )
        rows = [row for row in rows if row.application_id in found]
    page = Paginator(rows, per_page or pagination.PER_PAGE).get_page(page_number)
    page.object_list = _with_applications(list(page.object_list))
    return page, reviewed


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
