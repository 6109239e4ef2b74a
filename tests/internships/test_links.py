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


def test_the_task_message_carries_the_link_id_only_and_the_worker_draws_the_secret(
    client, make_placement, coordinator, monkeypatch
):
    from django.core import mail

    from internships import tasks

    placement = make_placement()
    queued = []
    monkeypatch.setattr(tasks.send_tutor_link, "delay_on_commit", lambda *args, **kwargs: queued.append((args, kwargs)))
    services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    link = TutorAccessLink.objects.get(placement=placement)
    # What goes to the broker: the id, nothing else; no secret exists yet.
    assert queued == [((link.pk,), {})]
    assert link.token_hash is None and link.mailed_at is None
    assert mail.outbox == []

    assert tasks.send_tutor_link.apply(args=queued[0][0]).get() is True
    link.refresh_from_db()
    [message] = mail.outbox
    path = _link_path(message.body)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert link.mailed_at is not None and link.token_hash == services.hash_token(token)
    assert message.to == [placement.tutor.email]
    # The link works from the e-mail, once.
    assert placement.enrolment.learner.full_name in client.get(path).content.decode()
    client.post(path, {"decision": "approve"})
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_TUTOR
    assert client.get(path).status_code == 410


def test_sending_the_same_link_twice_mails_it_once(make_placement, coordinator, django_capture_on_commit_callbacks):
    from django.core import mail

    from internships import tasks

    placement = make_placement()
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_approve_by_coordinator(placement=placement, by=coordinator)
    link = TutorAccessLink.objects.get(placement=placement)
    first_hash = link.token_hash
    assert tasks.send_tutor_link.apply(args=[link.pk]).get() is False  # a redelivered task
    link.refresh_from_db()
    assert len(mail.outbox) == 1 and link.token_hash == first_hash


def test_a_link_revoked_or_expired_before_the_worker_runs_is_not_mailed(make_placement):
    from django.core import mail

    placement = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
    revoked = services._link_row(
        placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT, week_start=None, evaluation=None, valid_days=14
    )
    TutorAccessLink.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    expired = services._link_row(
        placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT, week_start=None, evaluation=None, valid_days=1
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        assert services.link_mail(link_id=expired.pk) is False
    assert services.link_mail(link_id=revoked.pk) is False
    assert mail.outbox == []
    assert not TutorAccessLink.objects.exclude(token_hash=None).exists()


def test_a_failed_send_keeps_no_secret_and_the_retry_mails_a_working_link(client, make_placement, monkeypatch):
    import smtplib

    from django.core import mail

    placement = make_placement(PlacementStatus.APPROVED_BY_COORDINATOR)
    link = services._link_row(
        placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT, week_start=None, evaluation=None, valid_days=14
    )
    real_send = mail.EmailMessage.send

    def down(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("away")

    monkeypatch.setattr(mail.EmailMessage, "send", down)
    with pytest.raises(smtplib.SMTPServerDisconnected, match="away"):
        services.link_mail(link_id=link.pk)
    link.refresh_from_db()
    assert link.token_hash is None and link.mailed_at is None
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    assert services.link_mail(link_id=link.pk) is True
    assert client.get(_link_path(mail.outbox[-1].body)).status_code == 200
