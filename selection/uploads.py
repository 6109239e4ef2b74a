"""Checks on uploaded dossier documents: name, extension, size and the first bytes of the content."""

from django.utils.translation import gettext as _

# The first bytes of each accepted type. Office formats are zip containers (docx, odt).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
}
FORBIDDEN_NAME_CHARACTERS = set('/\\:*?"<>|\x00')


class UploadRefused(Exception):
    """The file cannot be accepted; the message says why, for the candidate."""


def check_upload(*, name: str, size: int, head: bytes, extensions: list[str], max_bytes: int) -> str:
    """Return the lower-case extension of an acceptable file, or raise UploadRefused."""
    if not name or any(ch in FORBIDDEN_NAME_CHARACTERS for ch in name) or name.startswith(".") or ".." in name:
        raise UploadRefused(
            _("The file name contains characters we cannot accept (such as / or \\). Please rename the file.")
        )
    if len(name) > 200:
        raise UploadRefused(_("The file name is too long. Please shorten it."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in extensions:
        raise UploadRefused(
            _("This type of file is not accepted here. Accepted types: %(types)s.") % {"types": ", ".join(extensions)}
        )
    if size <= 0:
        raise UploadRefused(_("The file is empty."))
    if size > max_bytes:
        raise UploadRefused(
            _("The file is too large (maximum %(size)s MB). You can reduce it or scan at a lower resolution.")
            % {"size": max_bytes // (1024 * 1024)}
        )
    signatures = SIGNATURES.get(extension)
    if signatures and not any(head.startswith(sig) for sig in signatures):
        raise UploadRefused(
            _("The content of the file does not match its type (.%(ext)s). Please check the file.") % {"ext": extension}
        )
    return extension
