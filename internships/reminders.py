"""The internships' reminders, declared to the reminder engine (see tasks.registry).

Tutors often have no account: a tutor reminder is addressed to the tutor's e-mail (and to the account
when there is one), and its action link is a single-purpose, expiring `TutorAccessLink` created by
`services.link_create` when the e-mail is built, in the worker (``RuleSpec.action_link``). The outbox
row only keeps the placement's page; the raw token never sits in the database nor in a task message.

Rules: placement awaiting the tutor's approval (+2 and +5 business days, then a line in the
coordinators' digest), mid-point / final evaluation due and overdue (tutor), last week's hours not
logged and an evaluation to counter-sign (learner). Digest sections: what waits for each tutor (weekly:
by account, or by e-mail for a tutor without one, each line then carrying its own single-purpose link made
in the worker), and for coordinators placements to approve, overdue tutors, open concerns (daily).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort
from internships import selectors, services
from internships.enums import RUNNING, ConcernStatus, EvaluationKind, EvaluationStatus, LinkPurpose, PlacementStatus
from internships.models import Concern, Evaluation, Placement, TimeEntry, Tutor, TutorAccessLink
from tasks import registry, timing
from tasks.enums import Audience, OffsetUnit
from tasks.registry import DigestLine, DigestSection, Due, RuleSpec

AWAITING_TUTOR_FIRST = "internships.placement_awaiting_tutor"
AWAITING_TUTOR_SECOND = "internships.placement_awaiting_tutor_again"
EVALUATION_DUE = "internships.evaluation_due"
EVALUATION_OVERDUE = "internships.evaluation_overdue"
HOURS_NOT_LOGGED = "internships.hours_not_logged"
COUNTERSIGN = "internships.evaluation_countersign"
COORDINATOR_DIGEST = "tasks.coordinator_daily_digest"
TUTOR_DIGEST = "tasks.tutor_weekly_digest"

SIGNATURE_FR = "Bien à vous,\nL'équipe de la formation"
SIGNATURE_EN = "Kind regards,\nThe course team"
# The review step in which the tutor can fill each evaluation.
REVIEW_STATUS = {
    EvaluationKind.MIDPOINT: PlacementStatus.MIDPOINT_REVIEW,
    EvaluationKind.FINAL: PlacementStatus.FINAL_REVIEW,
}
DONE = (EvaluationStatus.SUBMITTED, EvaluationStatus.COUNTERSIGNED)


# A learner who withdrew or deferred gets no more reminders, and nobody is reminded about them.
LEARNER_ACTIVE = {"enrolment__status": EnrolmentStatus.ACTIVE}


def _stamp(moment: datetime.datetime) -> str:
    return timezone.localtime(moment, timing.PARIS).strftime("%Y%m%dT%H%M%S")


def _nine(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=timing.PARIS)


def _window_days(rule) -> int:
    value = abs(rule.offset_value)
    if rule.offset_unit == OffsetUnit.BUSINESS_DAYS:
        return value * 2 + 5
    return value + 1


def _learner_name(placement: Placement) -> str:
    learner = placement.enrolment.learner
    return learner.full_name or learner.email


def _tutor_due(placement: Placement, *, reason: str, reference, context: dict) -> Due:
    tutor = placement.tutor
    return Due(
        reason=reason,
        reference=reference,
        recipient_id=tutor.user_id,
        email=tutor.email,
        subject_ref=("internships.placement", placement.pk),
        cohort_id=placement.enrolment.cohort_id,
        action_url=reverse("internships:detail", args=[placement.pk]),
        context={
            "learner": _learner_name(placement),
            "host": placement.host.name,
            "person": tutor.name,
            "tutor_name": tutor.name,
            **context,
        },
    )


# --- Tutor: placement awaiting approval -------------------------------------------------------------


def plan_awaiting_tutor(rule, now: datetime.datetime) -> Iterator[Due]:
    for placement in selectors.placements_awaiting_tutor_approval(business_days=0, today=timezone.localdate(now)):
        since = placement.status_changed_at
        yield _tutor_due(
            placement,
            reason=f"placement:{placement.pk}:awaiting-tutor-since:{_stamp(since)}",
            reference=since,
            context={"since": _stamp(since)},
        )


def still_awaiting_tutor(row) -> bool:
    since = (
        Placement.objects.filter(pk=row.object_id, status=PlacementStatus.APPROVED_BY_COORDINATOR, **LEARNER_ACTIVE)
        .values_list("status_changed_at", flat=True)
        .first()
    )
    return since is not None and _stamp(since) == row.context.get("since")


def approval_link(row) -> str:
    placement = Placement.objects.select_related("tutor").get(pk=row.object_id)
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    return reverse("internships:link", args=[token])


_AWAITING_BODY_FR = (
    "Bonjour,\n\n"
    "{{ learner }} souhaite effectuer son stage de pair-aidance auprès de vous ({{ host }}). La "
    "coordination de la formation a donné son accord ; il ne manque plus que le vôtre.\n\n"
    "Vous pouvez accepter ou décliner en un clic, sans créer de compte, grâce à ce lien personnel "
    "(valable pour cette seule démarche) : {{ action_url }}\n\n"
    "Si vous avez une question avant de vous décider, l'équipe de coordination est à votre écoute. "
    "Merci pour le temps que vous y consacrez.\n\n" + SIGNATURE_FR
)
_AWAITING_BODY_EN = (
    "Hello,\n\n"
    "{{ learner }} would like to do their peer-support placement with you ({{ host }}). The course "
    "coordination has agreed; only your approval is missing.\n\n"
    "You can accept or decline in one click, without creating an account, with this personal link "
    "(valid for this step only): {{ action_url }}\n\n"
    "If you have a question before deciding, the coordination team is glad to help. Thank you for "
    "your time.\n\n" + SIGNATURE_EN
)


# --- Tutor: evaluation due, then overdue ------------------------------------------------------------


def _evaluation_dues(placements, kind: str, reference_of) -> Iterator[Due]:
    label = {EvaluationKind.MIDPOINT: "mid-point", EvaluationKind.FINAL: "final"}[kind]
    for placement in placements.filter(status=REVIEW_STATUS[kind]).iterator(chunk_size=500):
        due_on = selectors.evaluation_due_date(placement=placement, kind=kind)
        yield _tutor_due(
            placement,
            reason=f"placement:{placement.pk}:{kind}:due:{due_on.isoformat()}",
            reference=reference_of(placement, due_on),
            context={
                "kind": kind,
                "kind_fr": "de mi-parcours" if kind == EvaluationKind.MIDPOINT else "finale",
                "kind_en": label,
                "due_on": due_on.strftime("%d/%m/%Y"),
            },
        )


def plan_evaluation_due(rule, now: datetime.datetime) -> Iterator[Due]:
    today = timezone.localdate(now)

    def reference(placement, due_on):
        # On the due date, or when the review step opens if that is later.
        return max(_nine(due_on), placement.status_changed_at)

    for kind in (EvaluationKind.MIDPOINT, EvaluationKind.FINAL):
        placements = selectors.evaluations_due(kind=kind, within_days=_window_days(rule), today=today)
        yield from _evaluation_dues(placements, kind, reference)


def plan_evaluation_overdue(rule, now: datetime.datetime) -> Iterator[Due]:
    today = timezone.localdate(now)
    for kind in (EvaluationKind.MIDPOINT, EvaluationKind.FINAL):
        placements = selectors.evaluations_overdue(kind=kind, today=today)
        yield from _evaluation_dues(placements, kind, lambda placement, due_on: _nine(due_on))


def evaluation_still_to_fill(row) -> bool:
    kind = row.context.get("kind")
    if kind not in REVIEW_STATUS:
        return False
    placement = Placement.objects.filter(pk=row.object_id, status=REVIEW_STATUS[kind], **LEARNER_ACTIVE).first()
    if placement is None:
        return False
    return not Evaluation.objects.filter(placement=placement, kind=kind, status__in=DONE).exists()


def evaluation_link(row) -> str:
    placement = Placement.objects.select_related("tutor").get(pk=row.object_id)
    evaluation, _created = Evaluation.objects.get_or_create(placement=placement, kind=row.context["kind"])
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.FILL_EVALUATION, evaluation=evaluation)
    return reverse("internships:link", args=[token])


# --- Learner: last week's hours not logged ----------------------------------------------------------


def plan_hours_not_logged(rule, now: datetime.datetime) -> Iterator[Due]:
    today = timezone.localdate(now)
    monday = today - datetime.timedelta(days=today.weekday())
    last_monday = monday - datetime.timedelta(days=7)
    rows = (
        selectors.learners_missing_last_week_hours(today=today)
        .filter(**LEARNER_ACTIVE)
        .order_by("pk")
        .values_list("pk", "enrolment__learner_id", "enrolment__learner__email", "enrolment__cohort_id", "host__name")
    )
    for pk, learner_id, email, cohort_id, host in rows.iterator(chunk_size=2000):
        yield Due(
            reason=f"placement:{pk}:week:{last_monday.isoformat()}",
            reference=datetime.datetime.combine(monday, datetime.time(10, 0), tzinfo=timing.PARIS),
            recipient_id=learner_id,
            email=email,
            subject_ref=("internships.placement", pk),
            cohort_id=cohort_id,
            action_url=reverse("internships:log_hours", args=[pk]),
            context={
                "host": host,
                "week_start": last_monday.isoformat(),
                "week_from": last_monday.strftime("%d/%m/%Y"),
                "week_to": (last_monday + datetime.timedelta(days=6)).strftime("%d/%m/%Y"),
            },
        )


def hours_still_missing(row) -> bool:
    week_start = datetime.date.fromisoformat(row.context["week_start"])
    if not Placement.objects.filter(pk=row.object_id, status__in=RUNNING, **LEARNER_ACTIVE).exists():
        return False
    return not TimeEntry.objects.filter(
        placement_id=row.object_id, date__range=(week_start, week_start + datetime.timedelta(days=6))
    ).exists()


# --- Learner: an evaluation to counter-sign ---------------------------------------------------------


def plan_countersign(rule, now: datetime.datetime) -> Iterator[Due]:
    rows = (
        selectors.evaluations_awaiting_countersignature()
        .filter(placement__enrolment__status=EnrolmentStatus.ACTIVE)
        .exclude(submitted_at=None)
        .order_by("pk")
        .values_list(
            "pk",
            "kind",
            "submitted_at",
            "placement__enrolment__learner_id",
            "placement__enrolment__learner__email",
            "placement__enrolment__cohort_id",
            "placement__tutor__name",
        )
    )
    for pk, kind, submitted_at, learner_id, email, cohort_id, tutor_name in rows.iterator(chunk_size=2000):
        yield Due(
            reason=f"evaluation:{pk}:submitted:{_stamp(submitted_at)}",
            reference=submitted_at,
            recipient_id=learner_id,
            email=email,
            subject_ref=("internships.evaluation", pk),
            cohort_id=cohort_id,
            action_url=reverse("internships:evaluation", args=[pk]),
            context={
                "tutor_name": tutor_name,
                "kind_fr": "de mi-parcours" if kind == EvaluationKind.MIDPOINT else "finale",
                "kind_en": "mid-point" if kind == EvaluationKind.MIDPOINT else "final",
                "submitted": _stamp(submitted_at),
            },
        )


def still_to_countersign(row) -> bool:
    submitted_at = (
        Evaluation.objects.filter(
            pk=row.object_id, status=EvaluationStatus.SUBMITTED, placement__enrolment__status=EnrolmentStatus.ACTIVE
        )
        .values_list("submitted_at", flat=True)
        .first()
    )
    return submitted_at is not None and _stamp(submitted_at) == row.context.get("submitted")


# --- Digest sections --------------------------------------------------------------------------------


def tutor_recipients(now: datetime.datetime):
    """Tutors with something waiting: their account, or (without one) their e-mail address."""
    rows = selectors.tutors_with_pending_work().order_by("pk").values_list("user_id", "email", "name")
    for user_id, email, name in rows.iterator(chunk_size=500):
        yield user_id if user_id is not None else registry.Addressee(email=email, name=name)


def _link_maker(placement: Placement, purpose: str, **extra):
    """A `DigestLine.link`: called in the worker, it creates an expiring single-purpose link and its secret."""

    def make() -> str:
        _link, token = services.link_create(placement=placement, purpose=purpose, **extra)
        return reverse("internships:link", args=[token])

    return make


def _evaluation_link_maker(placement: Placement, kind: str):
    def make() -> str:
        evaluation, _created = Evaluation.objects.get_or_create(placement=placement, kind=kind)
        _link, token = services.link_create(
            placement=placement, purpose=LinkPurpose.FILL_EVALUATION, evaluation=evaluation
        )
        return reverse("internships:link", args=[token])

    return make


def _pending_lines(tutor: Tutor, *, with_links: bool) -> list[DigestLine]:
    """What waits for this tutor. With links (tutors without an account): one single-purpose link per line."""
    pending = selectors.pending_for_tutor(tutor=tutor)
    lines = []
    for placement in pending.to_approve:
        lines.append(
            DigestLine(
                _("Approve the placement of %(learner)s") % {"learner": _learner_name(placement)},
                reverse("internships:detail", args=[placement.pk]),
                link=_link_maker(placement, LinkPurpose.APPROVE_PLACEMENT) if with_links else None,
            )
        )
    for placement in pending.to_sign:
        lines.append(
            DigestLine(
                _("Sign the agreement of %(learner)s") % {"learner": _learner_name(placement)},
                reverse("internships:detail", args=[placement.pk]),
                link=_link_maker(placement, LinkPurpose.SIGN_AGREEMENT) if with_links else None,
            )
        )
    for week in pending.weeks_to_sign_off:
        lines.append(
            DigestLine(
                _("Sign off the hours of %(learner)s for the week of %(week)s")
                % {"learner": _learner_name(week.placement), "week": week.week_start.strftime("%d/%m/%Y")},
                reverse("internships:detail", args=[week.placement_id]),
                link=_link_maker(week.placement, LinkPurpose.SIGN_OFF_WEEK, week_start=week.week_start)
                if with_links
                else None,
            )
        )
    for placement, kind in pending.evaluations_to_fill:
        lines.append(
            DigestLine(
                _("Fill the %(evaluation)s of %(learner)s")
                % {"evaluation": EvaluationKind(kind).label.lower(), "learner": _learner_name(placement)},
                reverse("internships:evaluation_fill", args=[placement.pk, kind]),
                link=_evaluation_link_maker(placement, kind) if with_links else None,
            )
        )
    return lines


def tutor_lines(user, now: datetime.datetime) -> list[DigestLine]:
    """A tutor with an account: lines lead to the pages they reach once logged in."""
    tutor = Tutor.objects.filter(user=user).first()
    if tutor is None:
        return []
    return _pending_lines(tutor, with_links=False)


def tutor_email_lines(email: str, now: datetime.datetime) -> list[DigestLine]:
    """A tutor without an account, known by e-mail: each line carries its own expiring single-purpose link."""
    lines = []
    for tutor in Tutor.objects.filter(user=None, email__iexact=email).order_by("pk"):
        lines.extend(_pending_lines(tutor, with_links=True))
    return lines


def _coordinated(queryset, user):
    return queryset.filter(enrolment__cohort__coordinators=user)


def proposed_recipients(now: datetime.datetime):
    return (
        Placement.objects.filter(status=PlacementStatus.PROPOSED)
        .exclude(enrolment__cohort__coordinators=None)
        .values_list("enrolment__cohort__coordinators", flat=True)
        .distinct()
    )


def proposed_lines(user, now: datetime.datetime) -> list[DigestLine]:
    placements = _coordinated(Placement.objects.filter(status=PlacementStatus.PROPOSED), user).select_related(
        "enrolment__learner", "host"
    )
    return [
        DigestLine(
            _("Placement of %(learner)s at %(host)s") % {"learner": _learner_name(p), "host": p.host.name},
            reverse("internships:detail", args=[p.pk]),
        )
        for p in placements.order_by("status_changed_at", "pk")
    ]


OVERDUE_APPROVAL_BUSINESS_DAYS = 5


def _overdue_tutor_placements(today: datetime.date) -> list[tuple[Placement, str]]:
    rows = [
        (placement, "approval")
        for placement in selectors.placements_awaiting_tutor_approval(
            business_days=OVERDUE_APPROVAL_BUSINESS_DAYS, today=today
        )
    ]
    for kind in (EvaluationKind.MIDPOINT, EvaluationKind.FINAL):
        rows.extend((placement, kind) for placement in selectors.evaluations_overdue(kind=kind, today=today))
    return rows


def overdue_recipients(now: datetime.datetime):
    cohort_ids = {p.enrolment.cohort_id for p, _what in _overdue_tutor_placements(timezone.localdate(now))}

    return Cohort.coordinators.through.objects.filter(cohort_id__in=cohort_ids).values_list("user_id", flat=True)


def overdue_lines(user, now: datetime.datetime) -> list[DigestLine]:

    mine = set(Cohort.objects.filter(coordinators=user).values_list("pk", flat=True))
    lines = []
    for placement, what in _overdue_tutor_placements(timezone.localdate(now)):
        if placement.enrolment.cohort_id not in mine:
            continue
        values = {"tutor": placement.tutor.name, "learner": _learner_name(placement)}
        if what == "approval":
            text = _("%(tutor)s has not yet answered about the placement of %(learner)s") % values
        else:
            values["evaluation"] = EvaluationKind(what).label.lower()
            text = _("%(tutor)s has not yet filled the %(evaluation)s of %(learner)s") % values
        lines.append(DigestLine(text, reverse("internships:detail", args=[placement.pk])))
    return lines


def _open_concerns():
    return Concern.objects.exclude(status=ConcernStatus.CLOSED)


def concerns_recipients(now: datetime.datetime):
    return (
        _open_concerns()
        .exclude(placement__enrolment__cohort__coordinators=None)
        .values_list("placement__enrolment__cohort__coordinators", flat=True)
        .distinct()
    )


def concerns_lines(user, now: datetime.datetime) -> list[DigestLine]:
    count = _open_concerns().filter(Q(placement__enrolment__cohort__coordinators=user)).distinct().count()
    if not count:
        return []
    text = ngettext("%(count)s concern is still open", "%(count)s concerns are still open", count) % {"count": count}
    return [DigestLine(text, reverse("internships:concerns"))]


# --- The catalogue ----------------------------------------------------------------------------------


def _awaiting_rule(code: str, days: int, description, **extra) -> RuleSpec:
    return RuleSpec(
        code=code,
        app_label="internships",
        description=description,
        trigger=gettext_lazy(
            "The coordinator approved a placement and its tutor has not answered yet; the reference is the "
            "coordinator's approval."
        ),
        audience=Audience.TUTOR,
        offset_value=days,
        offset_unit=OffsetUnit.BUSINESS_DAYS,
        business_days_only=True,
        planner=plan_awaiting_tutor,
        is_relevant=still_awaiting_tutor,
        action_link=approval_link,
        subject_fr="Le stage de {{ learner }} attend votre accord",
        subject_en="The placement of {{ learner }} is waiting for your approval",
        body_fr=_AWAITING_BODY_FR,
        body_en=_AWAITING_BODY_EN,
        **extra,
    )


_EVALUATION_BODY_FR = (
    "Bonjour,\n\n"
    "L'évaluation {{ kind_fr }} du stage de {{ learner }} ({{ host }}) est attendue pour le {{ due_on }}. "
    "Elle aide {{ learner }} à mesurer son chemin : quelques mots sincères comptent plus qu'un long texte.\n\n"
    "Vous pouvez la remplir, sans créer de compte, grâce à ce lien personnel : {{ action_url }}\n"
    "Vous pouvez l'enregistrer et y revenir plus tard.\n\n"
    "Merci pour votre accompagnement.\n\n" + SIGNATURE_FR
)
_EVALUATION_BODY_EN = (
    "Hello,\n\n"
    "The {{ kind_en }} evaluation of the placement of {{ learner }} ({{ host }}) is expected on {{ due_on }}. "
    "It helps {{ learner }} see how far they have come: a few sincere words matter more than a long text.\n\n"
    "You can fill it in, without creating an account, with this personal link: {{ action_url }}\n"
    "You can save it and come back to it later.\n\n"
    "Thank you for your support.\n\n" + SIGNATURE_EN
)

# --- Tutor links: one e-mail per link, through the outbox --------------------------------------------

TUTOR_LINK = services.TUTOR_LINK


def tutor_link_still_live(row) -> bool:

    link = TutorAccessLink.objects.filter(pk=row.object_id).first()
    return link is not None and services.link_is_live(link)


def tutor_link_url(row) -> str:
    """The link with its secret, drawn in the worker as the e-mail is built (never stored in the outbox)."""
    return services.link_arm(link_id=int(row.object_id))


TUTOR_LINK_RULE = RuleSpec(
    code=TUTOR_LINK,
    app_label="internships",
    description=gettext_lazy("Personal link for the tutor"),
    trigger=gettext_lazy(
        "A step of the placement waits for the tutor (approve it, sign the agreement or an amendment, sign off "
        "a week, fill an evaluation): the tutor receives a single-use link, without an account."
    ),
    audience=Audience.TUTOR,
    is_message=True,
    quiet_hours=False,
    is_relevant=tutor_link_still_live,
    action_link=tutor_link_url,
    subject_fr="{{ purpose_fr }} — {{ learner }}",
    subject_en="{{ purpose_en }} — {{ learner }}",
    body_fr=(
        "Bonjour {{ tutor_name }},\n\n"
        "Vous êtes tuteur ou tutrice du stage de {{ learner }}. Une démarche vous attend : {{ purpose_fr }}.\n\n"
        "Ce lien vous permet de la faire en une minute, sans créer de compte : {{ action_url }}\n\n"
        "Il fonctionne une seule fois, jusqu'au {{ expires_on }}. Merci de ne pas le transférer.\n\n"
        "Merci d'accueillir un futur pair-aidant ou une future pair-aidante.\n\n" + SIGNATURE_FR
    ),
    body_en=(
        "Hello {{ tutor_name }},\n\n"
        "You are the tutor of {{ learner }}'s placement. One action is waiting for you: {{ purpose_en }}.\n\n"
        "This link lets you do it in a minute, without an account: {{ action_url }}\n\n"
        "It works once and until {{ expires_on }}. Please do not forward it.\n\n"
        "Thank you for welcoming a future peer supporter.\n\n" + SIGNATURE_EN
    ),
)

CATALOGUE = [
    TUTOR_LINK_RULE,
    _awaiting_rule(AWAITING_TUTOR_FIRST, 2, gettext_lazy("Placement awaiting the tutor's approval (first reminder)")),
    _awaiting_rule(
        AWAITING_TUTOR_SECOND,
        5,
        gettext_lazy("Placement awaiting the tutor's approval (second reminder)"),
        escalate=True,
        repeat_interval_days=3,
    ),
    RuleSpec(
        code=EVALUATION_DUE,
        app_label="internships",
        description=gettext_lazy("Tutor's evaluation due"),
        trigger=gettext_lazy(
            "The mid-point or final review of a placement is open and the tutor's evaluation is not sent; the "
            "reference is its due date (mid-point or end of the placement), 9:00, or the opening of the review "
            "if later."
        ),
        audience=Audience.TUTOR,
        offset_value=0,
        offset_unit=OffsetUnit.BUSINESS_DAYS,
        business_days_only=True,
        planner=plan_evaluation_due,
        is_relevant=evaluation_still_to_fill,
        action_link=evaluation_link,
        subject_fr="L'évaluation {{ kind_fr }} du stage de {{ learner }}",
        subject_en="The {{ kind_en }} evaluation of the placement of {{ learner }}",
        body_fr=_EVALUATION_BODY_FR,
        body_en=_EVALUATION_BODY_EN,
    ),
    RuleSpec(
        code=EVALUATION_OVERDUE,
        app_label="internships",
        description=gettext_lazy("Tutor's evaluation overdue"),
        trigger=gettext_lazy(
            "The tutor's mid-point or final evaluation has not been sent after its due date; the reference is "
            "the due date, 9:00."
        ),
        audience=Audience.TUTOR,
        offset_value=3,
        offset_unit=OffsetUnit.BUSINESS_DAYS,
        business_days_only=True,
        repeat_limit=2,
        repeat_interval_days=7,
        escalate=True,
        planner=plan_evaluation_overdue,
        is_relevant=evaluation_still_to_fill,
        action_link=evaluation_link,
        subject_fr="L'évaluation {{ kind_fr }} de {{ learner }} vous attend toujours",
        subject_en="The {{ kind_en }} evaluation of {{ learner }} is still waiting for you",
        body_fr=(
            "Bonjour,\n\n"
            "Nous savons combien votre temps est précieux. L'évaluation {{ kind_fr }} du stage de {{ learner }} "
            "({{ host }}), attendue pour le {{ due_on }}, n'a pas encore été envoyée : elle est nécessaire pour "
            "que le stage puisse être validé.\n\n"
            "Votre lien personnel, sans compte à créer : {{ action_url }}\n\n"
            "Si quelque chose vous en empêche, dites-le simplement à l'équipe de coordination.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello,\n\n"
            "We know how precious your time is. The {{ kind_en }} evaluation of the placement of {{ learner }} "
            "({{ host }}), expected on {{ due_on }}, has not been sent yet: it is needed for the placement to be "
            "validated.\n\n"
            "Your personal link, no account needed: {{ action_url }}\n\n"
            "If something prevents you, simply tell the coordination team.\n\n" + SIGNATURE_EN
        ),
    ),
    RuleSpec(
        code=HOURS_NOT_LOGGED,
        app_label="internships",
        description=gettext_lazy("Last week's placement hours not logged"),
        trigger=gettext_lazy(
            "A running placement covered last week and no day is recorded for it; the reference is Monday, 10:00."
        ),
        audience=Audience.LEARNER,
        offset_value=0,
        offset_unit=OffsetUnit.BUSINESS_DAYS,
        business_days_only=True,
        optional=True,
        planner=plan_hours_not_logged,
        is_relevant=hours_still_missing,
        subject_fr="Vos heures de stage de la semaine du {{ week_from }}",
        subject_en="Your placement hours for the week of {{ week_from }}",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "Aucune journée n'est encore notée pour votre stage ({{ host }}) la semaine du {{ week_from }} au "
            "{{ week_to }}. Quand vous aurez un moment, vous pouvez les saisir ici : {{ action_url }}\n\n"
            "Si vous n'étiez pas en stage cette semaine-là (absence, maladie...), vous pouvez aussi l'indiquer : "
            "c'est tout à fait normal.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "No day is recorded yet for your placement ({{ host }}) for the week from {{ week_from }} to "
            "{{ week_to }}. When you have a moment, you can record them here: {{ action_url }}\n\n"
            "If you were not at your placement that week (absence, sickness...), you can say so too: that is "
            "perfectly fine.\n\n" + SIGNATURE_EN
        ),
    ),
    RuleSpec(
        code=COUNTERSIGN,
        app_label="internships",
        description=gettext_lazy("Evaluation to counter-sign"),
        trigger=gettext_lazy(
            "The tutor sent a mid-point or final evaluation that the learner has not counter-signed; the "
            "reference is when it was sent."
        ),
        audience=Audience.LEARNER,
        offset_value=2,
        offset_unit=OffsetUnit.DAYS,
        repeat_limit=2,
        repeat_interval_days=7,
        planner=plan_countersign,
        is_relevant=still_to_countersign,
        subject_fr="L'évaluation {{ kind_fr }} de votre stage attend votre lecture",
        subject_en="The {{ kind_en }} evaluation of your placement is waiting for you to read it",
        body_fr=(
            "Bonjour {{ first_name }},\n\n"
            "{{ tutor_name }} a rempli l'évaluation {{ kind_fr }} de votre stage. Vous pouvez la lire, dire si "
            "vous êtes d'accord et ajouter votre commentaire avant de la contresigner : {{ action_url }}\n\n"
            "Votre regard compte autant que celui de votre tuteur ou tutrice.\n\n" + SIGNATURE_FR
        ),
        body_en=(
            "Hello {{ first_name }},\n\n"
            "{{ tutor_name }} filled in the {{ kind_en }} evaluation of your placement. You can read it, say "
            "whether you agree and add your comment before counter-signing it: {{ action_url }}\n\n"
            "Your view matters as much as your tutor's.\n\n" + SIGNATURE_EN
        ),
    ),
]

SECTIONS = [
    DigestSection(
        code="internships.tutor_pending",
        digest_rule=TUTOR_DIGEST,
        title=gettext_lazy("Waiting for you"),
        lines=tutor_lines,
        recipients=tutor_recipients,
        email_lines=tutor_email_lines,
    ),
    DigestSection(
        code="internships.placements_awaiting",
        digest_rule=COORDINATOR_DIGEST,
        title=gettext_lazy("Placements awaiting your approval"),
        lines=proposed_lines,
        recipients=proposed_recipients,
    ),
    DigestSection(
        code="internships.overdue_tutors",
        digest_rule=COORDINATOR_DIGEST,
        title=gettext_lazy("Tutors who have not answered"),
        lines=overdue_lines,
        recipients=overdue_recipients,
    ),
    DigestSection(
        code="internships.open_concerns",
        digest_rule=COORDINATOR_DIGEST,
        title=gettext_lazy("Open concerns"),
        lines=concerns_lines,
        recipients=concerns_recipients,
    ),
]


# What the reminder engine finds here (tasks.registry.discover).
RULES = CATALOGUE
DIGEST_SECTIONS = SECTIONS
