import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from internships import services
from internships.enums import Competency, PlacementStatus
from internships.models import AgreementDocument, Concern, SupervisionSession
from tests.factories import CohortFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_attestation_verification_by_code(client, make_placement):
    placement = make_placement(PlacementStatus.VALIDATED)
    services.placement_attestation_issue(placement=placement, approved_hours=140, code="ABCD-EFGH-JKLM")
    html = client.get(reverse("attestations:verify"), {"code": "abcd-efgh-jklm"}).content.decode()
    assert "Attestation valide" in html and "140 heures approuvées" in html
    html = client.get(reverse("attestations:verify"), {"code": "ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    assert "Aucune attestation" in html


def test_attestation_download_only_for_parties_and_once_validated(client, make_placement, learner, other_learner):
    placement = make_placement(PlacementStatus.FINAL_REVIEW)
    url = reverse("internships:attestation_pdf", args=[placement.pk])
    client.force_login(learner)
    assert client.get(url).status_code == 404  # not validated yet
    services.placement_attestation_issue(placement=placement, approved_hours=140, code="ABCD-EFGH-JKLM")
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(other_learner)
    assert client.get(url).status_code == 404


def test_coordinator_uploads_agreement_signed_outside(client, make_placement, coordinator, learner):
    placement = make_placement(PlacementStatus.APPROVED_BY_TUTOR)
    url = reverse("internships:signed_outside", args=[placement.pk])
    client.force_login(learner)
    client.post(url, {"signed_file": SimpleUploadedFile("c.pdf", b"%PDF-1.4")})
    assert not AgreementDocument.objects.exists()
    client.force_login(coordinator)
    client.post(url, {"signed_file": SimpleUploadedFile("c.pdf", b"%PDF-1.4 signed")})
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.AGREEMENT_SIGNED
    download = client.get(reverse("internships:agreement_pdf", args=[placement.pk]))
    assert download.content == b"%PDF-1.4 signed"


def test_tutor_account_fills_midpoint_and_learner_disagrees_with_comment(client, make_placement, learner, tutor_user):
    placement = make_placement(PlacementStatus.MIDPOINT_REVIEW)
    ratings = dict.fromkeys(Competency.values, (2, ""))
    services.evaluation_save(placement=placement, kind="self", ratings=ratings, submit=True, by=learner)
    client.force_login(tutor_user)
    data = {f"level_{value}": "3" for value in Competency.values}
    client.post(reverse("internships:evaluation_fill", args=[placement.pk, "midpoint"]), {**data, "submit": "1"})
    evaluation = placement.evaluations.get(kind="midpoint")
    assert evaluation.status == "submitted"
    assert client.get(reverse("internships:evaluation_fill", args=[placement.pk, "self"])).status_code == 404
    client.force_login(learner)
    url = reverse("internships:evaluation", args=[evaluation.pk])
    response = client.post(url, {"agrees": "no", "comment": ""})
    assert "commentaire" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == "submitted"
    client.post(url, {"agrees": "no", "comment": "Je me sens plus à l'aise en groupe."})
    evaluation.refresh_from_db()
    assert evaluation.status == "countersigned" and evaluation.learner_agrees is False


def test_tutor_account_raises_a_concern_seen_by_coordinator_not_by_learner(
    client, make_placement, tutor_user, tutor, learner, coordinator
):
    placement = make_placement(PlacementStatus.IN_PROGRESS)
    client.force_login(tutor_user)
    client.post(
        reverse("internships:concern_raise", args=[placement.pk]),
        {"severity": "high", "description": "Absence inexpliquée depuis lundi"},
    )
    concern = Concern.objects.get()
    assert concern.raised_by_tutor == tutor and not concern.about_own_wellbeing
    client.force_login(learner)
    assert client.get(reverse("internships:concern", args=[concern.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("internships:concern", args=[concern.pk])).status_code == 200


def test_coordinator_records_a_supervision_session(client, cohort, coordinator, learner):
    client.force_login(coordinator)
    response = client.post(
        reverse("internships:supervision_new", args=[cohort.pk]),
        {
            "date": datetime.date.today().isoformat(),
            "kind": "supervision",
            "duration_minutes": 90,
            "attendees": [learner.pk],
            "facilitator_notes": "Thème : la juste distance",
        },
    )
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert list(session.attendees.all()) == [learner]
    other = UserFactory()
    CohortFactory(coordinators=[other])
    client.force_login(other)
    assert client.get(reverse("internships:supervision_new", args=[cohort.pk])).status_code == 404


def test_amendment_through_the_pages_and_the_tutor_link(
    client, make_placement, learner, coordinator, tutor, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    placement = make_placement(PlacementStatus.IN_PROGRESS)
    new_end = placement.ends_on + datetime.timedelta(days=7)
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("internships:amendment_request", args=[placement.pk]),
            {"new_ends_on": new_end.isoformat(), "reason": "Deux semaines d'arrêt maladie"},
        )
    amendment = placement.amendments.get()
    client.post(reverse("internships:amendment_sign", args=[placement.pk]))
    path = re.search(r"/stages/lien/[^\s/]+/", mail.outbox[-1].body).group(0)
    client.logout()
    assert "Deux semaines" in client.get(path).content.decode()
    client.post(path)
    client.force_login(coordinator)
    client.post(reverse("internships:amendment_sign", args=[placement.pk]))
    amendment.refresh_from_db()
    placement.refresh_from_db()
    assert amendment.status == "applied"
    assert placement.ends_on == new_end
