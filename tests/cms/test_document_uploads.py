"""Lesson files uploaded in the Wagtail admin pass the project's upload gate."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def post_document(client, name: str, data: bytes):
    root = Collection.get_first_root_node()
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Fiche", "collection": root.pk, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("fiche.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "deux types de fichier"),
        ("fiche.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JS /JS (x) >> >> endobj", "contient un script"),
        ("fiche.pdf", b"MZ\x90\x00", "pas pu reconnaître"),
    ],
)
def test_admin_document_upload_refuses_dangerous_files(admin_client, name, data, message):
    response = post_document(admin_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()


def test_admin_document_upload_accepts_a_plain_pdf_and_a_video(admin_client):
    assert post_document(admin_client, "fiche.pdf", b"%PDF-1.4\n%%EOF\n").status_code == 302
    assert post_document(admin_client, "temoignage.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\0" * 64).status_code == 302
    assert sorted(get_document_model().objects.values_list("file", flat=True)) == [
        "documents/fiche.pdf",
        "documents/temoignage.mp4",
    ]
