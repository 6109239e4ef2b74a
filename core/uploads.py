"""The one gate every uploaded file goes through (dossier documents, signed agreements, lesson files).

The type is read from the content, never from the name: the first bytes say what the file is, and the stored
name is random with the extension of the detected type. On top of the signature, each kind is checked for what
makes it dangerous to the person who opens it later:

- a PDF must not carry a script, an action launching a program or an embedded file (looked for in the plain
  bytes and inside the compressed streams, with PDF name escapes such as ``/J#61vaScript`` decoded);
- no file may also be another kind (a polyglot): a PDF or an image that is also a zip archive, or that carries
  HTML after its header, is refused;
- a DOCX or ODT is a zip archive: the number of entries, the total uncompressed size and the compression ratio
  are limited while actually decompressing (declared sizes can lie), and macros are refused.

Every refusal is an ``UploadRefused`` whose message tells the person, in their language, what to do instead.
This module is the bottom layer: it imports no app of the project.
"""

from __future__ import annotations

import re
import uuid
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

MB = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    key: str
    extension: str
    content_type: str
    max_bytes: int


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("pdf", "pdf", "application/pdf", 50 * MB),
        Kind("jpeg", "jpg", "image/jpeg", 20 * MB),
        Kind("png", "png", "image/png", 20 * MB),
        Kind("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 50 * MB),
        Kind("odt", "odt", "application/vnd.oasis.opendocument.text", 50 * MB),
        # Lesson media (video and audio blocks).
        Kind("mp4", "mp4", "video/mp4", 500 * MB),
        Kind("webm", "webm", "video/webm", 500 * MB),
        Kind("mp3", "mp3", "audio/mpeg", 200 * MB),
        Kind("ogg", "ogg", "audio/ogg", 200 * MB),
    )
}
DOCUMENT_KINDS = ("pdf", "jpeg", "png", "docx", "odt")
MEDIA_KINDS = ("mp4", "webm", "mp3", "ogg")
# The extensions people type, mapped to the kind they mean (a round asks for "pdf, jpg, docx").
EXTENSION_KINDS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "docx": "docx", "odt": "odt"}
EXTENSION_KINDS |= {"mp4": "mp4", "m4v": "mp4", "webm": "webm", "mp3": "mp3", "ogg": "ogg", "oga": "ogg"}

# Limits of the zip containers (DOCX, ODT). A long thesis with images stays far below them.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_UNCOMPRESSED = 200 * MB
ZIP_MAX_RATIO = 100
# Inflating a PDF's streams to look for scripts stops there (a compressed bomb inside a PDF).
PDF_MAX_INFLATED = 200 * MB

FORBIDDEN_NAME_CHARACTERS = set('/\\:*?"<>|\x00')
PDF_FORBIDDEN_NAMES = {b"javascript", b"js", b"launch", b"embeddedfile", b"embeddedfiles", b"richmedia"}
PDF_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]+)")
PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"stream\r?\n")
# HTML in PDF syntax (which never has it) and, with longer markers only, in binary files.
HTML_IN_PDF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta)[\s>/]", re.I)
HTML_IN_BINARY = re.compile(rb"<(?:!doctype\s+html|html|body|script|iframe)[\s>]", re.I)
ZIP_TAIL = 70_000  # a zip's end-of-directory record sits in its last 65,557 bytes
ZIP_END_OF_DIRECTORY = b"PK\x05\x06"
MACRO_ENTRIES = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^(Basic|Scripts)/", re.I)


class UploadRefused(ValueError):
    """The file cannot be accepted; the message says why and what to do, for the person who sent it."""


@dataclass(frozen=True)
class CheckedUpload:
    kind: Kind
    size: int

    @property
    def extension(self) -> str:
        return self.kind.extension

    @property
    def content_type(self) -> str:
        return self.kind.content_type

    def stored_name(self, prefix: str = "") -> str:
        """A random name with the extension of the detected type (nothing taken from the uploaded name)."""
        name = f"{uuid.uuid4().hex}.{self.kind.extension}"
        return f"{prefix.rstrip('/')}/{name}" if prefix else name


def kinds_for_extensions(extensions: Iterable[str]) -> list[str]:
    """The kinds a list of extensions (as a round configures them) stands for, unknown ones left out."""
    found: list[str] = []
    for extension in extensions:
        kind = EXTENSION_KINDS.get(extension.strip().lower().lstrip("."))
        if kind and kind not in found:
            found.append(kind)
    return found


def safe_stored_name(filename: str, prefix: str = "") -> str:
    """For ``upload_to``: a random name keeping only a known extension (the gate has already checked it)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = KINDS.get(EXTENSION_KINDS.get(extension, ""))
    name = f"{uuid.uuid4().hex}.{kind.extension if kind else 'bin'}"
    return f"{prefix.rstrip('/')}/{name}" if prefix else name


def check_name(name: str) -> None:
    """The original name is only shown back to people; it still must be a plain file name."""
    if not name or any(ch in FORBIDDEN_NAME_CHARACTERS for ch in name) or name.startswith(".") or ".." in name:
        raise UploadRefused(
            _("The file name contains characters we cannot accept (such as / or \\). Please rename the file.")
        )
    if len(name) > 200:
        raise UploadRefused(_("The file name is too long. Please shorten it."))


def check_upload(
    uploaded_file,
    *,
    allowed: Iterable[str],
    max_bytes: int | None = None,
    name: str | None = None,
    check_extension: bool = True,
) -> CheckedUpload:
    """Check a file (a Django ``UploadedFile`` or any seekable binary file) and return what it really is.

    ``allowed`` lists kind keys (``KINDS``); ``max_bytes`` lowers the kind's own limit (a round may ask for less).
    With ``check_extension`` the name must end with an extension of the detected type: the original name is the
    one people download the file under, and a PDF named ``cv.exe`` must not reach a reader's computer as such.
    Raises ``UploadRefused`` with a message saying what to do instead. Leaves the file at its start.
    """
    allowed = [key for key in allowed if key in KINDS]
    name = name if name is not None else (getattr(uploaded_file, "name", "") or "")
    check_name(name)
    size = _size(uploaded_file)
    if size <= 0:
        raise UploadRefused(_("The file is empty. Please check that you chose the right file, then try again."))
    uploaded_file.seek(0)
    head = uploaded_file.read(64)
    uploaded_file.seek(0)
    kind = _kind_from_signature(head)
    accepted = ", ".join(KINDS[key].extension.upper() for key in allowed)
    if kind is None:
        raise UploadRefused(
            _("We could not recognise the type of this file from its content. Accepted types: %(types)s.")
            % {"types": accepted}
        )
    if kind == "zip":
        kind = _office_kind(uploaded_file)
        if kind is None:
            raise UploadRefused(
                _("This archive is not a Word (DOCX) or OpenDocument (ODT) text. Accepted types: %(types)s.")
                % {"types": accepted}
            )
    if kind not in allowed:
        raise UploadRefused(
            _("This file is a %(found)s, which is not accepted here. Accepted types: %(types)s.")
            % {"found": KINDS[kind].extension.upper(), "types": accepted}
        )
    if check_extension:
        typed = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if EXTENSION_KINDS.get(typed) != kind:
            raise UploadRefused(
                _(
                    "The name of this file ends in “.%(typed)s” but its content is of type %(found)s. Rename it so "
                    "that it ends in “.%(extension)s”, then try again."
                )
                % {"typed": typed, "found": KINDS[kind].extension.upper(), "extension": KINDS[kind].extension}
            )
    limit = min(KINDS[kind].max_bytes, max_bytes) if max_bytes else KINDS[kind].max_bytes
    if size > limit:
        raise UploadRefused(
            _("The file is too large (maximum %(size)s MB). You can reduce it or scan at a lower resolution.")
            % {"size": max(1, limit // MB)}
        )
    try:
        if kind in ("docx", "odt"):
            _check_office(uploaded_file, size=size)
        elif kind == "pdf":
            _check_pdf(uploaded_file)
        else:
            _check_not_polyglot(uploaded_file, kind=kind)
    finally:
        uploaded_file.seek(0)
    return CheckedUpload(kind=KINDS[kind], size=size)


def _size(uploaded_file) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, 2)
        size = uploaded_file.tell()
    return int(size)


def _kind_from_signature(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if head.startswith(b"OggS"):
        return "ogg"
    return None


def _read_all(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    data = uploaded_file.read()
    uploaded_file.seek(0)
    return data


def _polyglot() -> UploadRefused:
    return UploadRefused(
        _(
            "This file looks like two kinds of file at once, which we cannot accept safely. Open it and save it "
            "again (for a PDF, use “Print to PDF”), then try again."
        )
    )


def _zip_inside(uploaded_file, data_end: bytes) -> bool:
    if ZIP_END_OF_DIRECTORY not in data_end:
        return False
    uploaded_file.seek(0)
    return zipfile.is_zipfile(uploaded_file)


def _check_not_polyglot(uploaded_file, *, kind: str) -> None:
    """An image or a media file must not also be a zip archive or carry HTML (PDFs: see ``_check_pdf``)."""
    if kind in MEDIA_KINDS:
        # Media files are large and binary: their start and end are where another format would hide.
        uploaded_file.seek(0)
        start = uploaded_file.read(MB)
        uploaded_file.seek(0, 2)
        uploaded_file.seek(max(0, uploaded_file.tell() - ZIP_TAIL))
        data = start + uploaded_file.read()
    else:
        data = _read_all(uploaded_file)
    # Compressed pixels are random bytes: only long markers, which chance does not produce.
    if HTML_IN_BINARY.search(data) or _zip_inside(uploaded_file, data[-ZIP_TAIL:]):
        raise _polyglot()


def _pdf_names(data: bytes) -> set[bytes]:
    names = set()
    for raw in PDF_NAME.findall(data):
        names.add(PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).lower())
    return names


def _pdf_plain_parts(data: bytes) -> list[bytes]:
    """The PDF syntax of a file: everything outside its streams, plus the inflated object streams (PDF 1.5 packs
    dictionaries there). Other streams (pages, fonts, images) are binary and left out: chance would find names
    such as ``/JS`` in them."""
    parts: list[bytes] = []
    budget = PDF_MAX_INFLATED
    position = 0
    search_from = 0
    while match := PDF_STREAM.search(data, search_from):
        search_from = match.end()
        if data[max(0, match.start() - 3) : match.start()] == b"end":
            continue
        before = data[position : match.start()]
        parts.append(before)
        end = data.find(b"endstream", match.end())
        content = data[match.end() : end if end >= 0 else len(data)]
        position = search_from = end + len(b"endstream") if end >= 0 else len(data)
        dictionary = before[before.rfind(b"obj") :] if b"obj" in before else before[-4096:]
        if b"objstm" in _pdf_names(dictionary):
            decompressor = zlib.decompressobj()
            try:
                inflated = decompressor.decompress(content, budget + 1)
            except zlib.error:
                continue
            budget -= len(inflated)
            if budget < 0 or decompressor.unconsumed_tail:
                raise UploadRefused(
                    _("This PDF expands to an abnormal size. Save it again with “Print to PDF”, then try again.")
                )
            parts.append(inflated)
    parts.append(data[position:])
    return parts


def _check_pdf(uploaded_file) -> None:
    data = _read_all(uploaded_file)
    if _zip_inside(uploaded_file, data[-ZIP_TAIL:]):
        raise _polyglot()
    names: set[bytes] = set()
    for part in _pdf_plain_parts(data):
        if HTML_IN_PDF.search(part):
            raise _polyglot()
        names |= _pdf_names(part)
    found = names & PDF_FORBIDDEN_NAMES
    if found & {b"embeddedfile", b"embeddedfiles", b"richmedia"}:
        raise UploadRefused(
            _(
                "This PDF contains attached files; save it again with “Print to PDF” (which keeps only the pages), "
                "then try again."
            )
        )
    if found:
        raise UploadRefused(_("This PDF contains a script; save it again with “Print to PDF”, then try again."))


def _office_kind(uploaded_file) -> str | None:
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if names and names[0] == "mimetype":
                with archive.open("mimetype") as entry:
                    if entry.read(100).strip() == b"application/vnd.oasis.opendocument.text":
                        return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        raise UploadRefused(
            _("This document is damaged and cannot be opened. Save it again from your word processor, then try again.")
        ) from None
    finally:
        uploaded_file.seek(0)
    return None


def _bomb() -> UploadRefused:
    return UploadRefused(
        _(
            "This document expands to an abnormal size once opened. Save it again from your word processor "
            "(or export it as PDF), then try again."
        )
    )


def _check_office(uploaded_file, *, size: int) -> None:
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
            if len(entries) > ZIP_MAX_ENTRIES:
                raise _bomb()
            if any(MACRO_ENTRIES.search(entry.filename) for entry in entries):
                raise UploadRefused(
                    _(
                        "This document contains macros; save it as a plain document (DOCX or ODT) or as PDF, "
                        "then try again."
                    )
                )
            total = 0
            # Count what really comes out (the declared sizes can lie), and stop as soon as a limit is passed.
            for entry in entries:
                with archive.open(entry) as stream:
                    while chunk := stream.read(MB):
                        total += len(chunk)
                        if total > ZIP_MAX_UNCOMPRESSED or total > ZIP_MAX_RATIO * max(size, 1):
                            raise _bomb()
    except UploadRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError, zlib.error):
        raise UploadRefused(
            _("This document is damaged and cannot be opened. Save it again from your word processor, then try again.")
        ) from None
