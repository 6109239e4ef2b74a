import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from internships import documents, services
from internships.enums import PlacementStatus
from internships.errors import InternshipError
from internships.models import AgreementDocument, TutorAccessLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(make_placement):
    return make_placement(PlacementStatus.APPROVED_BY_TUTOR)


def test_parties_sign_in_turn_then_agreement_is_signed_and_stored(
    placement, learner, tutor_user, coordinator, django_capture_on_commit_callbacks
):
    with pytest.raises(InternshipError, match=r"tour|turn"):
        services.placement_sign(placement=placement, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.placement_sign(placement=placement, by=learner)
    # The tutor receives a link to sign.
    assert TutorAccessLink.objects.filter(placement=placement, purpose="sign_agreement").exists()
    assert len(mail.outbox) == 1
    with pytest.raises(InternshipError, match=r"déjà|already"):
        services.placement_sign(placement=placement, by=learner)
    with pytest.raises(InternshipError):
        services.placement_sign(placement=placement, by=coordinator)
    services.placement_sign(placement=placement, by=tutor_user)
    services.placement_sign(placement=placement, by=coordinator)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.AGREEMENT_SIGNED
    stored = AgreementDocument.objects.get(placement=placement)
    assert stored.kind == "signed_in_app"
    assert stored.file.read().startswith(b"%PDF")


def test_outsider_cannot_sign(placement, outsider):
    with pytest.raises(InternshipError):
        services.placement_sign(placement=placement, by=outsider)


def test_signed_outside_with_pdf_upload(placement, coordinator, learner):
    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    with pytest.raises(InternshipError):
        services.placement_mark_signed_outside(placement=placement, by=learner, signed_file=upload)
    with pytest.raises(InternshipError, match="PDF"):
        services.placement_mark_signed_outside(
            placement=placement, by=coordinator, signed_file=SimpleUploadedFile("c.docx", b"x")
        )
    document = services.placement_mark_signed_outside(placement=placement, by=coordinator, signed_file=upload)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.AGREEMENT_SIGNED
    assert document.kind == "signed_outside"


def test_signed_agreement_is_never_deleted(placement, coordinator):
    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    document = services.placement_mark_signed_outside(placement=placement, by=coordinator, signed_file=upload)
    with pytest.raises(InternshipError):
        document.delete()
    with pytest.raises(InternshipError), transaction.atomic():
        AgreementDocument.objects.filter(pk=document.pk).delete()
    assert AgreementDocument.objects.filter(pk=document.pk).exists()


def test_agreement_pdf_contains_the_mandatory_clauses(placement):
    assert documents.agreement_pdf(placement=placement).startswith(b"%PDF")
    text = documents.agreement_html(placement=placement)
    for clause in (
        "Missions et objectifs",
        "Dates et horaires",
        "Tutorat",
        "Attestation et validation",
        "Suspension et fin",
    ):
        assert clause in text
    assert placement.tutor.name in text
    assert f"{placement.max_weekly_hours} heures" in text


def test_attestation_pdf_has_the_verification_code(make_placement):
    placement = make_placement(PlacementStatus.VALIDATED)
    services.placement_attestation_issue(placement=placement, approved_hours=140, code="ABCD-EFGH-JKLM")
    assert documents.attestation_pdf(
        placement=placement, verify_url="/attestations/verifier/ABCD-EFGH-JKLM/"
    ).startswith(b"%PDF")
