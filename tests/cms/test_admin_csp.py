"""The Wagtail admin under the Content-Security-Policy: no inline script left in the pages staff use."""

import re

import pytest
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|nonce)=)(?![^>]*application/json)[^>]*>\s*\S", re.S)


@pytest.mark.parametrize("widget", [AdminDateInput, AdminDateTimeInput, AdminTimeInput])
def test_date_and_time_widgets_carry_no_inline_script(widget):
    html = widget().render("when", None, attrs={"id": "id_when"})
    assert "<script" not in html
    assert 'data-pa-target="id_when"' in html and "data-pa-config=" in html


def test_admin_pages_with_date_fields_have_no_inline_script(client, lesson, coordinator):
    client.force_login(coordinator)
    for url in ("/admin/pages/", f"/admin/pages/{lesson.pk}/edit/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "data-pa-chooser=" in html, url
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
        assert "cms/admin_choosers.js" in html
