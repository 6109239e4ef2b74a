"""Media on an S3-compatible bucket (django-storages), against moto's local server: a candidate's
upload lands in the bucket, never on the local disk, and the permission-checked view serves it back."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.config.test_scale_settings import settings_with
from tests.factories import ApplicationFactory, SelectionRoundFactory
from tests.factories.cohorts import PDF_BYTES
from tests.scale.s3 import LocalS3

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3():
    with LocalS3() as server:
        yield server


@pytest.fixture
def media_on_s3(s3, settings, tmp_path):
    # The storage exactly as the settings build it from the environment, in a fresh process.
    media = settings_with(**s3.environment())["media"]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": media}
    return s3


def test_an_uploaded_document_is_kept_in_the_bucket_and_served_back(client, media_on_s3, tmp_path):
    application = ApplicationFactory(selection_round=SelectionRoundFactory(), motivation="")
    required = application.selection_round.required_documents.first()
    client.force_login(application.candidate)

    client.post(
        reverse("selection:document_upload", args=[application.pk, required.pk]),
        {"file": SimpleUploadedFile("cv.pdf", PDF_BYTES)},
    )

    document = application.documents.get()
    # Other tests of this module may have stored their own files in the bucket before this one.
    assert document.file.name in media_on_s3.object_names()
    assert not Path(tmp_path / "media").exists()
    response = client.get(reverse("selection:document_file", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_private_file_has_only_expiring_signed_urls(media_on_s3):
    name = default_storage.save("dossiers/example.pdf", SimpleUploadedFile("example.pdf", PDF_BYTES))
    assert name in media_on_s3.object_names()
    url = default_storage.url(name)
    assert url.startswith(f"{media_on_s3.endpoint}/{media_on_s3.bucket}/dossiers/")
    assert "Signature=" in url and "Expires=" in url
    with default_storage.open(name) as handle:
        assert handle.read() == PDF_BYTES
