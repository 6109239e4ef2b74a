import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

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
    with pytest.raises(InternshipError, match="La convention se signe à tour de rôle : elle attend"):
        services.placement_sign(placement=placement, by=coordinator)
    services.placement_sign(placement=placement, by=tutor_user)
    services.placement_sign(placement=placement, by=coordinator)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.AGREEMENT_SIGNED
    stored = AgreementDocument.objects.get(placement=placement)
    assert stored.kind == "signed_in_app"
    assert stored.file.read().startswith(b"%PDF")


def test_outsider_cannot_sign(placement, outsider):
    with pytest.raises(InternshipError, match=r"Vous n'êtes pas signataire de cette convention\."):
        services.placement_sign(placement=placement, by=outsider)


def test_signed_outside_with_pdf_upload(placement, coordinator, learner):
    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    with pytest.raises(InternshipError, match="Seule la coordination de cette promotion peut"):
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
    with pytest.raises(InternshipError, match=r"Une convention signée n'est jamais supprimée\."):
        document.delete()
    with pytest.raises(InternshipError, match=r"Une convention signée n'est jamais supprimée\."), transaction.atomic():
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


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>", "two kinds of file"),
        (b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj", "contains a script"),
        (b"\x89PNG\r\n\x1a\n not a pdf", "not accepted here"),
        (b"", "empty"),
    ],
)
def test_signed_outside_upload_goes_through_the_upload_gate(placement, coordinator, data, message):
    # The name alone used to be checked: each of these ends in .pdf.
    with translation.override("en"), pytest.raises(InternshipError, match=message):
        services.placement_mark_signed_outside(
            placement=placement, by=coordinator, signed_file=SimpleUploadedFile("convention.pdf", data)
        )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.APPROVED_BY_TUTOR
    assert not AgreementDocument.objects.exists()


def test_signed_outside_upload_is_stored_under_a_random_name(placement, coordinator):
    upload = SimpleUploadedFile("../Convention de Jeanne.pdf", b"%PDF-1.4 signed")
    document = services.placement_mark_signed_outside(placement=placement, by=coordinator, signed_file=upload)
    directory, name = document.file.name.rsplit("/", 1)
    assert directory == f"internships/agreements/{placement.pk}"
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", name)
