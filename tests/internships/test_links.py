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
    with pytest.raises(InternshipError):
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
    with pytest.raises(InternshipError):
        services.link_sign_off_week(token=token, decision="approved")
    with pytest.raises(InternshipError):
        services.link_sign_agreement(token=token)


def test_refusal_from_link_needs_reason(placement):
    _link, token = services.link_create(placement=placement, purpose=LinkPurpose.APPROVE_PLACEMENT)
    with pytest.raises(InternshipError):
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
