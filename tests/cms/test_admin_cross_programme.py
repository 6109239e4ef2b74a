"""A coordinator of programme B tries programme A's objects through every Wagtail admin door: documents,
images, collections, search, reports, users, snippets and the project's admin screens."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.services import programme_editorial_setup

pytestmark = pytest.mark.django_db

MARK = "Fiche-secrete-programme-A"


@pytest.fixture
def programme_a_files(programme, lesson):
    programme_editorial_setup(programme=programme)
    document = get_document_model()(title=MARK, collection=programme.collection)
    document.file.save("fiche.pdf", ContentFile(b"%PDF-1.4 contenu"), save=False)
    document.save()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    image = get_image_model()(title=MARK, collection=programme.collection)
    image.file.save("photo.png", ImageFile(buffer, name="photo.png"), save=False)
    image.save()
    return document, image


def test_another_programmes_coordinator_reaches_none_of_its_files_in_the_admin(
    client, programme, lesson, programme_a_files, other_coordinator
):
    document, image = programme_a_files
    client.force_login(other_coordinator)
    for url in (
        f"/admin/documents/edit/{document.pk}/",
        f"/admin/documents/delete/{document.pk}/",
        f"/admin/documents/usage/{document.pk}/",
        f"/admin/images/{image.pk}/",
        f"/admin/images/{image.pk}/delete/",
        f"/admin/images/{image.pk}/generate_url/",
        f"/admin/collections/{programme.collection_id}/",
        f"/admin/collections/{programme.collection_id}/privacy/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert MARK not in response.content.decode(), url
    for url in (
        "/admin/documents/",
        "/admin/documents/?q=secrete",
        "/admin/images/",
        "/admin/images/?q=secrete",
        "/admin/documents/chooser/?q=secrete",
        "/admin/images/chooser/?q=secrete",
        f"/admin/pages/search/?q={lesson.title}",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ):
        response = client.get(url)
        body = response.content.decode() if response.status_code == 200 else ""
        assert MARK not in body, url
        assert f"/admin/pages/{lesson.pk}/" not in body, url
    # Wagtail's page chooser lists every page's title (a link may point anywhere on the site): course titles,
    # not personal data; opening or editing the page stays refused (tests/cms/test_coordination.py).


def test_another_programmes_coordinator_cannot_manage_users_groups_or_settings(client, other_coordinator):
    client.force_login(other_coordinator)
    for url in (
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/workflows/list/",
        "/admin/redirects/",
        "/admin/settings/",
        "/django-admin/accounts/user/",
        "/django-admin/audit/accessrecord/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
    # Django's admin index opens (the coordinator is staff) and offers nothing.
    index = client.get("/django-admin/").content.decode()
    assert "/django-admin/accounts/" not in index and "/django-admin/audit/" not in index
