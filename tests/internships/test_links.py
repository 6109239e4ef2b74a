import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from internships import services
from internships.enums import LinkPurpose, PlacementStatus
from internships.errors import InternshipError
from internships.models import TimeEntry, TutorAccessLink, WeekSignoff

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(make_placement):
    return make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)


def test_only_the_hash_of_the_token_is_stored(placement):
    link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    assert token not in link.token_hash
    assert TutorAccessLink.objects.get().token_hash == services.hash_token(token)


def test_tutor_approves_from_the_link_page_without_account(client, placement):
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    url = reverse("internships:link", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert placement.enrolment.learner.full_name in page.content.decode()
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 200
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_TUTOR
    assert placement.transitions.last().by_tutor == placement.tutor


def test_a_used_link_cannot_be_reused(client, placement):
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    services.link_decide_placement(token=token, approve=True)
    with pytest.raises(InternshipError, match=r"déjà|already"):
        services.link_decide_placement(token=token, approve=True)
    assert client.get(reverse("internships:link", args=[token])).status_code == 410


def test_an_expired_link_is_refused(client, placement):
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT, valid_days=2)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, minutes=1)):
        with pytest.raises(InternshipError, match=r"expiré|expired"):
            services.link_decide_placement(token=token, approve=True)
        assert client.get(reverse("internships:link", args=[token])).status_code == 410
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_COORDINATOR


def test_a_revoked_link_is_refused(client, placement, coordinator, learner):
    link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    with pytest.raises(InternshipError, match="Seule la coordination de cette promotion peut"):
        services.link_revoke(link=link, by=learner)
    services.link_revoke(link=link, by=coordinator)
    with pytest.raises(InternshipError, match=r"retiré|withdrawn"):
        services.link_decide_placement(token=token, approve=True)
    assert client.post(reverse("internships:link", args=[token]), {"decision": "approve"}).status_code == 410
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_COORDINATOR


def test_unknown_token_is_refused(client):
    assert client.get(reverse("internships:link", args=["nope"])).status_code == 410


def test_a_link_does_only_its_purpose(placement, make_placement):
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    with pytest.raises(InternshipError, match=r"Ce lien n'est pas valide\."):
        services.link_sign_off_week(token=token, decision="approved")
    with pytest.raises(InternshipError, match=r"Ce lien n'est pas valide\."):
        services.link_sign_agreement(token=token)


def test_refusal_from_link_needs_reason(placement):
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    with pytest.raises(InternshipError, match=r"Merci d'indiquer une raison\."):
        services.link_decide_placement(token=token, approve=False, reason="")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_COORDINATOR
    # The failed attempt did not consume the link.
    services.link_decide_placement(token=token, approve=False, reason="Équipe en sous-effectif cet été")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.REFUSED


def test_week_sign_off_link_page(client, make_placement, learner, django_capture_on_commit_callbacks):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    day = placement.starts_on + datetime.timedelta(days=1)
    services.time_entry_record(
        placement=placement, by=learner, date=day, hours=7, activity="Accueil", day_type="presence"
    )
    week = services.week_start_of(day)
    link = services.week_submit_to_tutor(placement=placement, by=learner, week_start=week)
    assert link.purpose == LinkPurpose.SIGN_OFF_WEEK
    # The raw token is only in the e-mail; create one here to drive the page.
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.SIGN_OFF_WEEK, week_start=week)
    page = client.get(reverse("internships:link", args=[token]))
    assert "Accueil" in page.content.decode()
    client.post(reverse("internships:link", args=[token]), {"decision": "approved"})
    assert WeekSignoff.objects.get(placement=placement).status == "approved"
    assert TimeEntry.objects.count() == 1


def test_evaluation_link_draft_keeps_link_and_submit_uses_it(make_placement, learner, client):
    from internships.enums import Competency

    placement = make_placement(PlacementStatus.MIDPOINT_REVIEW)
    ratings = dict.fromkeys(Competency.values, (3, ""))
    services.evaluation_save(placement=placement, kind="self", ratings=ratings, submit=True, by=learner)
    from internships.models import Evaluation

    evaluation = Evaluation.objects.create(placement=placement, kind="midpoint")
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.FILL_EVALUATION, evaluation=evaluation)
    url = reverse("internships:link", args=[token])
    data = {f"level_{value}": "3" for value in Competency.values}
    client.post(url, {**data, "draft": "1"})
    assert TutorAccessLink.objects.get(pk=_link.pk).used_at is None
    response = client.post(url, {**data, "submit": "1"})
    assert response.status_code == 200
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"
    assert TutorAccessLink.objects.get(pk=_link.pk).used_at is not None


# --- Links e-mailed from a request: the secret is drawn in the worker -------------------------------


def _link_path(body: str) -> str:
    import re

    return re.search(r"/stages/lien/[^\s/]+/", body).group(0)


def test_the_outbox_row_names_the_link_only_and_the_worker_draws_the_secret(
    client, make_placement, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tasks.enums import OutboxState
    from tasks.models import Outbox

    placement = make_placement()
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    link = TutorAccessLink.objects.get(placement=placement)
    row = Outbox.objects.get(rule__code=services.TUTOR_LINK)
    [message] = mail.outbox
    path = _link_path(message.body)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    # The coordinator's outbox shows the e-mail, sent; the secret is in the e-mail only.
    assert (row.state, row.recipient_email, row.object_id) == (OutboxState.SENT, placement.tutor.email, str(link.pk))
    assert token not in row.action_url and token not in str(row.context)
    assert link.mailed_at is not None and link.token_hash == services.hash_token(token)
    assert message.to == [placement.tutor.email]
    assert message.subject == f"Approuver le stage — {placement.enrolment.learner.full_name}"
    # The link works from the e-mail, once.
    assert placement.enrolment.learner.full_name in client.get(path).content.decode()
    client.post(path, {"decision": "approve"})
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_TUTOR
    assert client.get(path).status_code == 410


def test_the_tutor_link_is_sent_at_once_even_during_quiet_hours(
    make_placement, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tasks import timing

    placement = make_placement()
    evening = datetime.datetime(2026, 11, 18, 22, 30, tzinfo=timing.PARIS)
    with time_machine.travel(evening, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    assert [m.to for m in mail.outbox] == [[placement.tutor.email]]


def test_the_plain_text_week_link_email_shows_no_html_entity(
    make_placement, coordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    placement = make_placement(PlacementStatus.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        services.link_send(
            placement=placement,
            purpose=LinkPurpose.SIGN_OFF_WEEK,
            week_start=placement.starts_on - datetime.timedelta(days=placement.starts_on.weekday()),
        )
    [message] = mail.outbox
    assert message.subject.startswith("Valider une semaine d'heures — ")
    assert "Une démarche vous attend : Valider une semaine d'heures." in message.body
    assert "&#x27;" not in message.subject + message.body


def test_dispatching_again_mails_the_link_once(make_placement, coordinator, django_capture_on_commit_callbacks):
    from django.core import mail

    from tasks.services import dispatch_tick

    placement = make_placement()
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    link = TutorAccessLink.objects.get(placement=placement)
    first_hash = link.token_hash
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_tick() == {"reaped": 0, "queued": 0}
    link.refresh_from_db()
    assert len(mail.outbox) == 1 and link.token_hash == first_hash


def test_a_link_revoked_or_expired_before_the_worker_runs_is_not_mailed(
    make_placement, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tasks import jobs
    from tasks.enums import OutboxState
    from tasks.models import Outbox
    from tasks.services import dispatch_tick

    placement = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
    monkeypatch.setattr(jobs.send_messages, "delay_on_commit", lambda *args, **kwargs: None)
    revoked = services.link_send(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    TutorAccessLink.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    expired = services.link_send(placement=placement, purpose=LinkPurpose.SIGN_AGREEMENT)
    TutorAccessLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        dispatch_tick()
    assert mail.outbox == []
    assert set(Outbox.objects.values_list("state", flat=True)) == {OutboxState.CANCELLED}
    assert not TutorAccessLink.objects.exclude(token_hash=None).exists()


def test_a_refused_send_then_a_resend_mails_a_working_link(
    client, make_placement, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    from django.core import mail

    from tasks.enums import OutboxState
    from tasks.models import Outbox
    from tasks.services import dispatch_tick, outbox_resend

    placement = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
    real_send = mail.EmailMultiAlternatives.send

    def refused(self, *args, **kwargs):
        raise smtplib.SMTPDataError(554, b"rejected")

    from django.core.mail.backends.locmem import EmailBackend

    real_send_messages = EmailBackend.send_messages

    def refused_messages(self, messages):
        raise smtplib.SMTPDataError(554, b"rejected")

    # Reminders go out in batches through one connection: the refusal comes from the connection.
    monkeypatch.setattr(EmailBackend, "send_messages", refused_messages)
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refused)
    with django_capture_on_commit_callbacks(execute=True):
        link = services.link_send(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    row = Outbox.objects.get(rule__code=services.TUTOR_LINK)
    assert row.state == OutboxState.FAILED
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", real_send)
    monkeypatch.setattr(EmailBackend, "send_messages", real_send_messages)
    with django_capture_on_commit_callbacks(execute=True):
        outbox_resend(outbox=row, by=coordinator)
        dispatch_tick()
    [message] = mail.outbox
    link.refresh_from_db()
    path = _link_path(message.body)
    assert link.token_hash == services.hash_token(path.rstrip("/").rsplit("/", 1)[-1])
    assert client.get(path).status_code == 200
