"""The internships' reminders: right moment (business days, holidays, nights), right person, once."""

import datetime
import re
import uuid
from decimal import Decimal

import pytest
from django.utils import translation

from internships import reminders, services
from internships.enums import ConcernStatus, EvaluationKind, EvaluationStatus, LinkPurpose, PlacementStatus, Severity
from internships.models import Concern, Evaluation, Placement, TimeEntry, TutorAccessLink
from tasks.enums import OutboxKind, OutboxState
from tasks.models import Outbox
from tasks.services import plan_all, rules_sync
from tests.factories import CohortFactory, EnrolmentFactory, PlacementFactory, TutorFactory, UserFactory
from tests.tasks.conftest import paris
from tests.tasks.helpers import at, plan_and_dispatch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.REMINDERS_KEY_PREFIX = f"pa-test-{uuid.uuid4().hex[:10]}"
    settings.SITE_URL = "https://formation.example.test"


@pytest.fixture
def rules(db):
    rules_sync()


@pytest.fixture
def coordinator_2026():
    return UserFactory(email="coord@example.test", first_name="Claire")


@pytest.fixture
def cohort_2026(coordinator_2026):
    return CohortFactory(
        starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18), coordinators=[coordinator_2026]
    )


def _placement(cohort, *, status, since, starts_on=datetime.date(2026, 6, 1), ends_on=datetime.date(2026, 7, 31), **kw):
    learner = UserFactory(first_name="Léa", last_name="Martin")
    enrolment = EnrolmentFactory(cohort=cohort, learner=learner)
    placement = PlacementFactory(enrolment=enrolment, status=status, starts_on=starts_on, ends_on=ends_on, **kw)
    Placement.objects.filter(pk=placement.pk).update(status_changed_at=since)
    placement.refresh_from_db()
    return placement


def _to(messages, address: str) -> list:
    return [m for m in messages if m.to == [address]]


def _reminders_to(messages, address: str) -> list:
    """The reminders sent to this address, leaving aside the weekly digest (tested on its own)."""
    return [m for m in _to(messages, address) if "Votre point de la semaine" not in m.subject]


def _rows(code: str):
    return Outbox.objects.filter(rule__code=code, kind=OutboxKind.REMINDER)


def _token(body: str) -> str:
    return re.search(r"/stages/lien/([^/\s]+)/", body).group(1)


# --- Tutor: placement awaiting approval (+2, +5 business days) --------------------------------------


def test_tutor_without_account_reminded_after_two_then_five_business_days_with_a_fresh_link(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    """Approved by the coordinator on Thursday 7 May 2026. Friday 8 May and Thursday 14 May (Ascension)
    are holidays: +2 business days is Tuesday 12 May, +5 is Monday 18 May."""
    placement = _placement(cohort_2026, status=PlacementStatus.APPROVED_BY_COORDINATOR, since=paris(2026, 5, 7, 10, 0))
    tutor = placement.tutor
    assert tutor.user_id is None
    other = _placement(CohortFactory(), status=PlacementStatus.PROPOSED, since=paris(2026, 5, 7, 10, 0))
    capture = django_capture_on_commit_callbacks
    for moment in (paris(2026, 5, 8, 10, 0), paris(2026, 5, 11, 10, 0), paris(2026, 5, 12, 9, 59)):
        assert _reminders_to(plan_and_dispatch(capture, moment), tutor.email) == []
    sent = _reminders_to(plan_and_dispatch(capture, paris(2026, 5, 12, 10, 0)), tutor.email)
    assert len(sent) == 1
    assert sent[0].subject == "Le stage de Léa Martin attend votre accord"
    token = _token(sent[0].body)
    with at(paris(2026, 5, 12, 10, 5)):
        link = services.link_resolve(token=token)
    assert (link.purpose, link.placement_id, link.tutor_id) == (LinkPurpose.APPROVE_PLACEMENT, placement.pk, tutor.pk)
    row = _rows(reminders.AWAITING_TUTOR_FIRST).get()
    assert row.recipient_id is None and row.recipient_email == tutor.email
    assert token not in row.action_url and row.action_url == f"/stages/{placement.pk}/"
    assert "List-Unsubscribe" not in sent[0].extra_headers

    for moment in (paris(2026, 5, 13, 10, 0), paris(2026, 5, 14, 10, 0), paris(2026, 5, 18, 9, 59)):
        assert _reminders_to(plan_and_dispatch(capture, moment), tutor.email) == []
    again = _reminders_to(plan_and_dispatch(capture, paris(2026, 5, 18, 10, 0)), tutor.email)
    assert len(again) == 1
    assert _token(again[0].body) != token
    # One link per reminder, and one per Monday digest (11 and 18 May) that listed the placement too
    assert TutorAccessLink.objects.filter(placement=placement).count() == 4
    assert _rows(reminders.AWAITING_TUTOR_FIRST).count() == 1
    assert _rows(reminders.AWAITING_TUTOR_SECOND).count() == 1
    assert not Outbox.objects.filter(recipient_email=other.tutor.email).exists()

    # Still no answer three days later: the coordinator's digest says so
    digest_mails = _to(plan_and_dispatch(capture, paris(2026, 5, 21, 10, 0)), "coord@example.test")
    assert Outbox.objects.filter(kind=OutboxKind.ESCALATION, recipient__email="coord@example.test").exists()
    assert any(tutor.name in message.body for message in digest_mails)


def test_approval_reminder_cancelled_when_the_tutor_answers(rules, cohort_2026, django_capture_on_commit_callbacks):
    placement = _placement(cohort_2026, status=PlacementStatus.APPROVED_BY_COORDINATOR, since=paris(2026, 5, 7, 10, 0))
    with at(paris(2026, 5, 12, 9, 30)):
        plan_all()
    assert _rows(reminders.AWAITING_TUTOR_FIRST).get().state == OutboxState.PENDING
    Placement.objects.filter(pk=placement.pk).update(
        status=PlacementStatus.APPROVED_BY_TUTOR, status_changed_at=paris(2026, 5, 12, 9, 40)
    )
    assert (
        _to(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 5, 12, 10, 0)), placement.tutor.email)
        == []
    )
    assert _rows(reminders.AWAITING_TUTOR_FIRST).get().state == OutboxState.CANCELLED
    assert not TutorAccessLink.objects.exists()  # no link made for nothing


def test_approval_reminder_planned_once_and_reaches_a_tutor_account_too(rules, cohort_2026):
    tutor_user = UserFactory(email="nadia@example.test")
    tutor = TutorFactory(user=tutor_user, email="nadia.pro@example.test")
    _placement(
        cohort_2026,
        status=PlacementStatus.APPROVED_BY_COORDINATOR,
        since=paris(2026, 5, 7, 10, 0),
        tutor=tutor,
        host=tutor.host,
    )
    for moment in (paris(2026, 5, 12, 9, 30), paris(2026, 5, 12, 9, 45)):
        with at(moment):
            plan_all()
    row = _rows(reminders.AWAITING_TUTOR_FIRST).get()
    assert (row.recipient_id, row.recipient_email) == (tutor_user.pk, "nadia.pro@example.test")


# --- Tutor: evaluation due, then overdue ------------------------------------------------------------


@pytest.fixture
def midpoint_placement(cohort_2026):
    """1 June - 31 July 2026: the mid-point is Wednesday 1 July; the review opened that morning."""
    return _placement(cohort_2026, status=PlacementStatus.MIDPOINT_REVIEW, since=paris(2026, 7, 1, 6, 15))


def test_midpoint_evaluation_due_then_overdue_with_a_fill_link(
    rules, midpoint_placement, django_capture_on_commit_callbacks
):
    tutor = midpoint_placement.tutor
    capture = django_capture_on_commit_callbacks
    assert _reminders_to(plan_and_dispatch(capture, paris(2026, 7, 1, 8, 59)), tutor.email) == []
    sent = _reminders_to(plan_and_dispatch(capture, paris(2026, 7, 1, 9, 0)), tutor.email)
    assert [m.subject for m in sent] == ["L'évaluation de mi-parcours du stage de Léa Martin"]
    with at(paris(2026, 7, 1, 9, 5)):
        link = services.link_resolve(token=_token(sent[0].body))
    assert link.purpose == LinkPurpose.FILL_EVALUATION
    assert link.evaluation.kind == EvaluationKind.MIDPOINT
    # Overdue: three business days after the due date (Monday 6 July), not before
    for moment in (paris(2026, 7, 2, 9, 0), paris(2026, 7, 3, 9, 0), paris(2026, 7, 6, 8, 59)):
        assert _reminders_to(plan_and_dispatch(capture, moment), tutor.email) == []
    overdue = _reminders_to(plan_and_dispatch(capture, paris(2026, 7, 6, 9, 0)), tutor.email)
    assert [m.subject for m in overdue] == ["L'évaluation de mi-parcours de Léa Martin vous attend toujours"]
    # A second one a week later, then the coordinators are told instead
    assert _reminders_to(plan_and_dispatch(capture, paris(2026, 7, 13, 8, 59)), tutor.email) == []
    assert len(_reminders_to(plan_and_dispatch(capture, paris(2026, 7, 13, 9, 0)), tutor.email)) == 1
    assert _reminders_to(plan_and_dispatch(capture, paris(2026, 7, 20, 9, 0)), tutor.email) == []
    assert Outbox.objects.filter(kind=OutboxKind.ESCALATION, rule__code=reminders.EVALUATION_OVERDUE).exists()
    assert _rows(reminders.EVALUATION_DUE).count() == 1
    assert _rows(reminders.EVALUATION_OVERDUE).count() == 2


def test_evaluation_reminder_cancelled_once_the_evaluation_is_sent(
    rules, midpoint_placement, django_capture_on_commit_callbacks
):
    with at(paris(2026, 7, 1, 8, 30)):
        plan_all()
    Evaluation.objects.create(
        placement=midpoint_placement,
        kind=EvaluationKind.MIDPOINT,
        status=EvaluationStatus.SUBMITTED,
        submitted_at=paris(2026, 7, 1, 8, 45),
    )
    capture = django_capture_on_commit_callbacks
    assert _to(plan_and_dispatch(capture, paris(2026, 7, 1, 9, 0)), midpoint_placement.tutor.email) == []
    assert _rows(reminders.EVALUATION_DUE).get().state == OutboxState.CANCELLED
    assert _to(plan_and_dispatch(capture, paris(2026, 7, 6, 9, 0)), midpoint_placement.tutor.email) == []
    assert not _rows(reminders.EVALUATION_OVERDUE).exists()


def test_no_evaluation_reminder_before_the_review_opens(rules, cohort_2026, django_capture_on_commit_callbacks):
    placement = _placement(cohort_2026, status=PlacementStatus.IN_PROGRESS, since=paris(2026, 6, 1, 6, 15))
    TimeEntry.objects.create(
        placement=placement, date=datetime.date(2026, 6, 22), week_start=datetime.date(2026, 6, 22), hours=7
    )
    assert (
        _to(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 7, 1, 9, 0)), placement.tutor.email) == []
    )
    assert not _rows(reminders.EVALUATION_DUE).exists()


# --- Learner: last week's hours not logged ----------------------------------------------------------


def test_hours_reminder_after_an_empty_week_waits_for_a_business_day(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    """Week of 30 March 2026; Monday 6 April is Easter Monday: the reminder goes on Tuesday morning."""
    placement = _placement(
        cohort_2026,
        status=PlacementStatus.IN_PROGRESS,
        since=paris(2026, 3, 2, 6, 15),
        starts_on=datetime.date(2026, 3, 30),
        ends_on=datetime.date(2026, 5, 29),
    )
    logged = _placement(
        cohort_2026,
        status=PlacementStatus.IN_PROGRESS,
        since=paris(2026, 3, 2, 6, 15),
        starts_on=datetime.date(2026, 3, 30),
        ends_on=datetime.date(2026, 5, 29),
    )
    TimeEntry.objects.create(
        placement=logged, date=datetime.date(2026, 3, 31), week_start=datetime.date(2026, 3, 30), hours=Decimal(7)
    )
    learner = placement.enrolment.learner
    capture = django_capture_on_commit_callbacks
    for moment in (paris(2026, 4, 5, 10, 0), paris(2026, 4, 6, 10, 0), paris(2026, 4, 7, 8, 29)):
        assert _to(plan_and_dispatch(capture, moment), learner.email) == []
    sent = _to(plan_and_dispatch(capture, paris(2026, 4, 7, 8, 30)), learner.email)
    assert [m.subject for m in sent] == ["Vos heures de stage de la semaine du 30/03/2026"]
    assert f"/stages/{placement.pk}/heures/" in sent[0].body
    assert "List-Unsubscribe" in sent[0].extra_headers
    assert _to(plan_and_dispatch(capture, paris(2026, 4, 8, 10, 0)), learner.email) == []
    assert _rows(reminders.HOURS_NOT_LOGGED).count() == 1
    assert not Outbox.objects.filter(recipient=logged.enrolment.learner, rule__code=reminders.HOURS_NOT_LOGGED).exists()


def test_hours_reminder_cancelled_when_the_week_is_logged(rules, cohort_2026, django_capture_on_commit_callbacks):
    placement = _placement(
        cohort_2026,
        status=PlacementStatus.IN_PROGRESS,
        since=paris(2026, 3, 2, 6, 15),
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 5, 29),
    )
    with at(paris(2026, 4, 14, 9, 30)):  # week of 6 April, reminder Monday 13 April 10:00 already due
        plan_all()
    row = _rows(reminders.HOURS_NOT_LOGGED).get()
    assert row.state == OutboxState.PENDING
    TimeEntry.objects.create(
        placement=placement, date=datetime.date(2026, 4, 7), week_start=datetime.date(2026, 4, 6), hours=Decimal(7)
    )
    learner = placement.enrolment.learner
    assert _to(plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 4, 14, 9, 31)), learner.email) == []
    assert _rows(reminders.HOURS_NOT_LOGGED).get().state == OutboxState.CANCELLED


# --- Learner: an evaluation to counter-sign ---------------------------------------------------------


def test_countersign_reminder_two_days_after_the_tutor_sent_it(
    rules, midpoint_placement, django_capture_on_commit_callbacks
):
    evaluation = Evaluation.objects.create(
        placement=midpoint_placement,
        kind=EvaluationKind.MIDPOINT,
        status=EvaluationStatus.SUBMITTED,
        submitted_at=paris(2026, 7, 2, 15, 0),
    )
    learner = midpoint_placement.enrolment.learner
    capture = django_capture_on_commit_callbacks
    assert _to(plan_and_dispatch(capture, paris(2026, 7, 4, 14, 59)), learner.email) == []
    sent = _to(plan_and_dispatch(capture, paris(2026, 7, 4, 15, 0)), learner.email)
    assert [m.subject for m in sent] == ["L'évaluation de mi-parcours de votre stage attend votre lecture"]
    assert f"/stages/evaluations/{evaluation.pk}/" in sent[0].body
    assert _to(plan_and_dispatch(capture, paris(2026, 7, 5, 15, 0)), learner.email) == []
    # counter-signed before the repeat: the reminder stops
    Evaluation.objects.filter(pk=evaluation.pk).update(status=EvaluationStatus.COUNTERSIGNED)
    assert _to(plan_and_dispatch(capture, paris(2026, 7, 11, 15, 0)), learner.email) == []
    assert _rows(reminders.COUNTERSIGN).count() == 1


# --- Digests ----------------------------------------------------------------------------------------


def test_tutor_weekly_digest_lists_only_that_tutors_pending_work(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    tutor_user = UserFactory(email="nadia@example.test", first_name="Nadia")
    tutor = TutorFactory(user=tutor_user, email="nadia@example.test")
    other_tutor = TutorFactory(user=UserFactory(email="marc@example.test"))
    _placement(
        cohort_2026,
        status=PlacementStatus.APPROVED_BY_COORDINATOR,
        since=paris(2026, 6, 5, 16, 0),  # its own reminder is due on Tuesday
        tutor=tutor,
        host=tutor.host,
    )
    other = _placement(
        CohortFactory(),
        status=PlacementStatus.PROPOSED,  # nothing for the tutor yet
        since=paris(2026, 6, 3, 10, 0),
        tutor=other_tutor,
        host=other_tutor.host,
    )
    with translation.override("en"):
        assert [line.text for line in reminders.tutor_lines(tutor_user, paris(2026, 6, 8, 8, 30))] == [
            "Approve the placement of Léa Martin"
        ]
    assert reminders.tutor_lines(other_tutor.user, paris(2026, 6, 8, 8, 30)) == []
    sent = plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 8, 8, 30))  # a Monday
    [digest] = _to(sent, "nadia@example.test")
    assert "Votre point de la semaine" in digest.subject
    assert "Approuver le stage de Léa Martin" in digest.body
    assert _to(sent, "marc@example.test") == []
    assert other.pk


def _pending_week(placement, monday: datetime.date, hours=7) -> None:
    from internships.models import WeekSignoff

    TimeEntry.objects.create(placement=placement, date=monday, week_start=monday, hours=hours, activity="Accueil")
    WeekSignoff.objects.create(placement=placement, week_start=monday)


def _digest_links(body: str) -> list[str]:
    return re.findall(r"https://formation\.example\.test(/stages/lien/[^/\s]+/)", body)


def test_tutor_without_account_gets_one_monday_digest_with_a_link_per_pending_week(
    rules, cohort_2026, client, django_capture_on_commit_callbacks
):
    from internships.models import WeekSignoff

    capture = django_capture_on_commit_callbacks
    tutor = TutorFactory(user=None, name="Camille Durand", email="Camille.Durand@example.test")
    placement = _placement(
        cohort_2026, status=PlacementStatus.IN_PROGRESS, since=paris(2026, 5, 29, 10, 0), tutor=tutor, host=tutor.host
    )
    _pending_week(placement, datetime.date(2026, 6, 1))
    _pending_week(placement, datetime.date(2026, 6, 8))
    idle = TutorFactory(user=None, email="idle@example.test")  # a running placement, nothing waiting
    _placement(
        cohort_2026, status=PlacementStatus.IN_PROGRESS, since=paris(2026, 5, 29, 10, 0), tutor=idle, host=idle.host
    )
    address = "Camille.Durand@example.test"

    # Not on the other days of the week
    for moment in (paris(2026, 6, 10, 10, 0), paris(2026, 6, 12, 10, 0), paris(2026, 6, 15, 8, 29)):
        assert _to(plan_and_dispatch(capture, moment), address) == []
    # Planning alone creates no link: secrets are made when the e-mail is built, in the worker.
    with at(paris(2026, 6, 15, 8, 30)):
        plan_all()
    row = Outbox.objects.get(kind=OutboxKind.DIGEST, recipient_email=address)
    assert row.recipient_id is None and row.base_key == "email:camille.durand@example.test:2026-06-15"
    assert not TutorAccessLink.objects.exists()

    [digest] = _to(plan_and_dispatch(capture, paris(2026, 6, 15, 8, 30)), address)
    assert digest.subject == "Votre point de la semaine : 2 éléments en attente"
    assert "Bonjour Camille Durand," in digest.body
    assert "Chaque lien ci-dessous vous est personnel" in digest.body
    assert "Valider les heures de Léa Martin pour la semaine du 01/06/2026" in digest.body
    assert "Valider les heures de Léa Martin pour la semaine du 08/06/2026" in digest.body
    links = _digest_links(digest.body)
    assert len(links) == 2
    assert "/stages/lien/" in digest.alternatives[0].content
    made = TutorAccessLink.objects.order_by("week_start")
    assert [(link.purpose, link.week_start, link.tutor_id) for link in made] == [
        (LinkPurpose.SIGN_OFF_WEEK, datetime.date(2026, 6, 1), tutor.pk),
        (LinkPurpose.SIGN_OFF_WEEK, datetime.date(2026, 6, 8), tutor.pk),
    ]
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
    for path in links:
        token = path.rstrip("/").rsplit("/", 1)[-1]
        assert token not in str(row.context) and token not in row.action_url
    # Nobody else gets a digest; not twice the same week
    assert not Outbox.objects.filter(kind=OutboxKind.DIGEST, recipient_email="idle@example.test").exists()
    for moment in (paris(2026, 6, 15, 9, 30), paris(2026, 6, 16, 8, 30), paris(2026, 6, 19, 10, 0)):
        assert _to(plan_and_dispatch(capture, moment), address) == []
    assert Outbox.objects.filter(kind=OutboxKind.DIGEST, recipient_email=address).count() == 1

    # The first link works (without an account), once
    with at(paris(2026, 6, 16, 10, 0)):
        first = links[0]
        assert "Accueil" in client.get(first).content.decode()
        client.post(first, {"decision": "approved"})
        assert client.get(first).status_code == 410
    assert WeekSignoff.objects.get(placement=placement, week_start=datetime.date(2026, 6, 1)).status == "approved"
    # The second one expires after two weeks
    with at(paris(2026, 6, 29, 8, 31)):
        assert client.get(links[1]).status_code == 410
    assert WeekSignoff.objects.get(placement=placement, week_start=datetime.date(2026, 6, 8)).status == "pending"


def test_next_monday_digest_lists_only_what_still_waits(rules, cohort_2026, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    tutor = TutorFactory(user=None, name="Camille Durand", email="camille@example.test")
    placement = _placement(
        cohort_2026, status=PlacementStatus.IN_PROGRESS, since=paris(2026, 5, 29, 10, 0), tutor=tutor, host=tutor.host
    )
    _pending_week(placement, datetime.date(2026, 6, 1))
    assert len(_to(plan_and_dispatch(capture, paris(2026, 6, 8, 8, 30)), "camille@example.test")) == 1
    _pending_week(placement, datetime.date(2026, 6, 8))
    services.week_sign_off(
        placement=placement, week_start=datetime.date(2026, 6, 1), decision="approved", by_tutor=tutor
    )
    [digest] = _to(plan_and_dispatch(capture, paris(2026, 6, 15, 8, 30)), "camille@example.test")
    assert "08/06/2026" in digest.body and "01/06/2026" not in digest.body
    # Nothing left: no digest the Monday after
    services.week_sign_off(
        placement=placement, week_start=datetime.date(2026, 6, 8), decision="approved", by_tutor=tutor
    )
    assert _to(plan_and_dispatch(capture, paris(2026, 6, 22, 8, 30)), "camille@example.test") == []


def test_tutor_digest_by_e_mail_carries_approval_agreement_and_evaluation_links(
    rules, cohort_2026, django_capture_on_commit_callbacks
):
    tutor = TutorFactory(user=None, name="Camille Durand", email="camille@example.test")
    common = {"tutor": tutor, "host": tutor.host}
    _placement(cohort_2026, status=PlacementStatus.APPROVED_BY_COORDINATOR, since=paris(2026, 6, 12, 10, 0), **common)
    midpoint = _placement(
        cohort_2026, status=PlacementStatus.MIDPOINT_REVIEW, since=paris(2026, 6, 12, 10, 0), **common
    )
    with translation.override("en"):
        lines = reminders.tutor_email_lines("CAMILLE@example.test", paris(2026, 6, 15, 8, 30))
    assert [line.text for line in lines] == [
        "Approve the placement of Léa Martin",
        "Fill the mid-point evaluation (formative) of Léa Martin",
    ]
    assert not TutorAccessLink.objects.exists()  # lines are computed without making any link
    assert reminders.tutor_email_lines("someone.else@example.test", paris(2026, 6, 15, 8, 30)) == []
    [digest] = _to(
        plan_and_dispatch(django_capture_on_commit_callbacks, paris(2026, 6, 15, 8, 30)), "camille@example.test"
    )
    assert len(_digest_links(digest.body)) == 2
    assert sorted(TutorAccessLink.objects.values_list("purpose", flat=True)) == [
        LinkPurpose.APPROVE_PLACEMENT,
        LinkPurpose.FILL_EVALUATION,
    ]
    assert TutorAccessLink.objects.get(purpose=LinkPurpose.FILL_EVALUATION).evaluation.placement == midpoint


def test_coordinator_digest_sections_only_for_their_cohorts(rules, cohort_2026, django_capture_on_commit_callbacks):
    other_coordinator = UserFactory(email="other@example.test")
    other_cohort = CohortFactory(
        starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 12, 18), coordinators=[other_coordinator]
    )
    proposed = _placement(cohort_2026, status=PlacementStatus.PROPOSED, since=paris(2026, 6, 1, 10, 0))
    waiting = _placement(cohort_2026, status=PlacementStatus.APPROVED_BY_COORDINATOR, since=paris(2026, 6, 1, 10, 0))
    Concern.objects.create(placement=proposed, severity=Severity.LOW, description="Synthétique")
    Concern.objects.create(placement=proposed, severity=Severity.LOW, description="Close", status=ConcernStatus.CLOSED)
    theirs = _placement(other_cohort, status=PlacementStatus.PROPOSED, since=paris(2026, 6, 1, 10, 0))
    now = paris(2026, 6, 10, 8, 30)  # a Wednesday, 7 business days after the coordinator's approval
    coordinator = cohort_2026.coordinators.get()
    with translation.override("en"):
        assert [line.text for line in reminders.proposed_lines(coordinator, now)] == [
            f"Placement of Léa Martin at {proposed.host.name}"
        ]
        assert [line.text for line in reminders.overdue_lines(coordinator, now)] == [
            f"{waiting.tutor.name} has not yet answered about the placement of Léa Martin"
        ]
        assert [line.text for line in reminders.concerns_lines(coordinator, now)] == ["1 concern is still open"]
        assert [line.text for line in reminders.proposed_lines(other_coordinator, now)] == [
            f"Placement of Léa Martin at {theirs.host.name}"
        ]
    assert reminders.overdue_lines(other_coordinator, now) == []
    assert reminders.concerns_lines(other_coordinator, now) == []
    assert set(reminders.concerns_recipients(now)) == {coordinator.pk}
    assert coordinator.pk in set(reminders.overdue_recipients(now))
    assert other_coordinator.pk not in set(reminders.overdue_recipients(now))

    sent = plan_and_dispatch(django_capture_on_commit_callbacks, now)
    [digest] = _to(sent, "coord@example.test")
    for text in ("Stages en attente de votre accord", "Tuteurs et tutrices sans réponse", "Signalements ouverts"):
        assert text in digest.body
    assert "1 signalement est toujours ouvert" in digest.body
    assert theirs.host.name not in digest.body
