"""core.pdf: a PDF loads inline and static resources only, whatever markup reaches it."""

import base64
import io

from PIL import Image

from core.pdf import html_to_pdf, may_fetch


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_inline_image_is_drawn():
    data = base64.b64encode(_png()).decode()
    assert b"/Image" in html_to_pdf(f'<img src="data:image/png;base64,{data}">')


def test_a_file_outside_the_static_folders_is_not_read(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(_png())
    pdf = html_to_pdf(f'<p>x</p><img src="{secret.as_uri()}"><link rel="stylesheet" href="file:///etc/hostname">')
    assert pdf.startswith(b"%PDF") and b"/Image" not in pdf


def test_only_data_and_static_addresses_may_be_fetched(settings):
    static_file = (settings.BASE_DIR / "static").as_uri() + "/css/site.css"
    assert may_fetch("data:image/png;base64,AAAA")
    assert may_fetch(static_file)
    for url in (
        "file:///etc/passwd",
        (settings.BASE_DIR / "static").as_uri() + "/../config/settings/base.py",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/static/css/site.css",
        "ftp://example.org/x",
    ):
        assert not may_fetch(url), url
