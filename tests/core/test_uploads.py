"""The upload gate, tried with files crafted the way an attacker (or an unlucky scanner) would make them."""

import io
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.uploads import DOCUMENT_KINDS, MB, UploadRefused, check_upload, kinds_for_extensions, safe_stored_name


def pdf(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (number, obj) for number, obj in enumerate(objects, start=1))
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"


def stream(dictionary: bytes, data: bytes) -> bytes:
    return dictionary.replace(b">>", b" /Length %d >>" % len(data)) + b"\nstream\n" + data + b"\nendstream"


def docx(extra: dict[str, bytes] | None = None, *, document: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", b"<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def small_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", b"<html><script>alert(1)</script></html>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4 + b"\xff\xd9"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(name: str, data: bytes, *, allowed=DOCUMENT_KINDS, max_bytes=None) -> str:
    with translation.override("fr"):
        try:
            check_upload(upload(name, data), allowed=allowed, max_bytes=max_bytes)
        except UploadRefused as error:
            return str(error)
    raise AssertionError(f"{name} was accepted")


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("cv.pdf", pdf(CATALOG, PAGES), "pdf"),
        ("photo.jpg", JPEG, "jpeg"),
        ("photo.JPEG", JPEG, "jpeg"),
        ("scan.png", PNG, "png"),
        ("lettre.docx", docx({"word/media/image1.png": PNG}), "docx"),
        ("lettre.odt", odt(), "odt"),
    ],
)
def test_ordinary_files_accepted_with_their_detected_type(name, data, kind):
    checked = check_upload(upload(name, data), allowed=DOCUMENT_KINDS)
    assert checked.kind.key == kind
    assert checked.size == len(data)
    assert checked.stored_name("selection/3").startswith("selection/3/")
    assert checked.stored_name().endswith("." + checked.extension)
    assert name.split(".")[0] not in checked.stored_name()


def test_pdf_whose_binary_streams_happen_to_hold_script_names_is_accepted():
    # Compressed images and fonts are random bytes: "/JS " may appear in them by chance.
    image = stream(b"<< /Type /XObject /Subtype /Image /Filter /FlateDecode >>", zlib.compress(b"x" * 50) + b"/JS (")
    content = stream(b"<< /Filter /FlateDecode >>", zlib.compress(b"BT /F1 12 Tf (/JavaScript) Tj ET"))
    assert check_upload(upload("cv.pdf", pdf(CATALOG, PAGES, image, content)), allowed=["pdf"]).kind.key == "pdf"


@pytest.mark.parametrize(
    "catalog",
    [
        b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
        b"<< /Type /Catalog /OpenAction 3 0 R >>\n3 0 obj << /S /JavaScript /JS 4 0 R >>",
        # Name escapes are how scanners are usually dodged.
        b"<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>",
        b"<< /Type /Catalog /AA << /O << /S /JavaScript /JS (x) >> >> >>",
    ],
)
def test_pdf_with_a_script_refused(catalog):
    message = refusal("cv.pdf", pdf(catalog, PAGES))
    assert message == ("Ce PDF contient un script ; enregistrez-le à nouveau avec « Imprimer en PDF » puis réessayez.")


def test_pdf_with_a_script_hidden_in_a_compressed_object_stream_refused():
    packed = zlib.compress(b"3 0 << /S /JavaScript /JS (app.alert(1)) >>")
    object_stream = stream(b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>", packed)
    catalog = b"<< /Type /Catalog /OpenAction 3 0 R >>"
    with translation.override("en"), pytest.raises(UploadRefused, match="contains a script"):
        check_upload(upload("cv.pdf", pdf(catalog, PAGES, object_stream)), allowed=["pdf"])


def test_pdf_launching_a_program_refused():
    catalog = b"<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>"
    assert "script" in refusal("cv.pdf", pdf(catalog, PAGES))


def test_pdf_with_an_embedded_file_refused():
    catalog = b"<< /Type /Catalog /Names << /EmbeddedFiles << /Names [(a.exe) 3 0 R] >> >> >>"
    assert "fichiers joints" in refusal("cv.pdf", pdf(catalog, PAGES))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.pdf", b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>"),
        ("cv.pdf", b"%PDF-1.4\n<!DOCTYPE html>\n<svg onload=alert(1)>"),
        ("cv.pdf", pdf(CATALOG, PAGES) + small_zip()),
        ("photo.jpg", JPEG + small_zip()),
        ("photo.jpg", JPEG[:200] + b"<script>alert(1)</script>" + JPEG[200:]),
        ("scan.png", PNG + b"<html>"),
    ],
)
def test_polyglots_refused(name, data):
    assert "deux types de fichier" in refusal(name, data)


def test_zip_bomb_docx_refused_while_decompressing():
    # 40 MB of zeros weigh about 40 KB compressed: a ratio of a thousand.
    bomb = docx(document=b"\0" * (40 * MB))
    assert len(bomb) < MB
    message = refusal("lettre.docx", bomb)
    assert "taille anormale" in message


def test_docx_with_too_many_entries_refused():
    many = docx({f"word/media/{n}.xml": b"x" for n in range(1001)})
    assert "taille anormale" in refusal("lettre.docx", many)


def test_docx_with_macros_refused():
    assert "macros" in refusal("lettre.docx", docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}))


def test_zip_that_is_not_a_text_document_refused():
    assert "n'est pas un texte Word" in refusal("lettre.docx", small_zip())


def test_damaged_docx_refused():
    assert "endommagé" in refusal("lettre.docx", b"PK\x03\x04" + b"\0" * 100)


def test_zero_byte_file_refused():
    assert refusal("cv.pdf", b"") == (
        "Le fichier est vide. Vérifiez que vous avez choisi le bon fichier, puis réessayez."
    )


def test_oversized_file_refused_at_the_callers_limit():
    data = pdf(CATALOG, PAGES) + b"%" + b"0" * MB
    assert "trop volumineux (1 Mo maximum)" in refusal("cv.pdf", data, max_bytes=MB)


def test_oversized_file_refused_at_the_kinds_own_limit_without_reading_it():
    big = upload("photo.png", PNG)
    big.size = 21 * MB  # the images' own limit is 20 MB, whatever the caller allows
    with translation.override("en"), pytest.raises(UploadRefused, match=r"too large \(maximum 20 MB\)"):
        check_upload(big, allowed=DOCUMENT_KINDS, max_bytes=50 * MB)


def test_content_decides_the_type_not_the_name():
    assert "n'avons pas pu reconnaître" in refusal("cv.pdf", b"MZ\x90\x00 this is a program")
    assert "se termine par « .exe »" in refusal("cv.exe", pdf(CATALOG, PAGES))
    assert "PNG, qui n'est pas accepté" in refusal("cv.pdf", PNG, allowed=["pdf"])


def test_names_with_path_characters_refused():
    for name in ("../../etc/cv.pdf", "C:\\docs\\cv.pdf", ".cv.pdf", "cv:2.pdf"):
        # Django strips paths from uploaded names; a raw multipart name or another caller may still carry them.
        with translation.override("en"), pytest.raises(UploadRefused, match="characters we cannot accept"):
            check_upload(upload("cv.pdf", pdf(CATALOG, PAGES)), allowed=["pdf"], name=name)


def test_refusal_leaves_the_file_readable_from_its_start():
    file = upload("lettre.docx", docx({"word/vbaProject.bin": b"x"}))
    with translation.override("en"), pytest.raises(UploadRefused, match="contains macros"):
        check_upload(file, allowed=DOCUMENT_KINDS)
    assert file.read(4) == b"PK\x03\x04"


def test_extensions_map_to_kinds_and_stored_names_are_random():
    assert kinds_for_extensions(["PDF", ".jpg", "jpeg", "exe", "odt"]) == ["pdf", "jpeg", "odt"]
    first, second = safe_stored_name("../../a b.PDF", "x/1"), safe_stored_name("../../a b.PDF", "x/1")
    assert first != second
    assert first.startswith("x/1/") and first.endswith(".pdf") and ".." not in first
    assert safe_stored_name("run.sh").endswith(".bin")
