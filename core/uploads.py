"""What an uploaded document really is, judged from its bytes, never from its name, and whether it may be kept.

    content_type, extension = check_upload(upload, max_bytes=10 * 1024 * 1024, accepted={"pdf"},
                                           refusal=_("This file is not a PDF."))

Each app says which kinds it accepts (by the extension a kind is stored under) and what a refused file is told.
"""

import secrets
import zipfile
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

PDF = ("application/pdf", "pdf")
PNG = ("image/png", "png")
JPEG = ("image/jpeg", "jpg")
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": ("application/vnd.oasis.opendocument.text", "odt"),
    b"application/vnd.oasis.opendocument.spreadsheet": (
        "application/vnd.oasis.opendocument.spreadsheet",
        "ods",
    ),
    b"application/vnd.oasis.opendocument.presentation": (
        "application/vnd.oasis.opendocument.presentation",
        "odp",
    ),
}
_OOXML = "application/vnd.openxmlformats-officedocument."
OFFICE_OPEN_XML = [
    (f"{_OOXML}wordprocessingml.document.main+xml", (f"{_OOXML}wordprocessingml.document", "docx")),
    (f"{_OOXML}spreadsheetml.sheet.main+xml", (f"{_OOXML}spreadsheetml.sheet", "xlsx")),
    (f"{_OOXML}presentationml.presentation.main+xml", (f"{_OOXML}presentationml.presentation", "pptx")),
]
# Reading a small entry of an archive is enough; refuse archives built to exhaust us.
MAX_ZIP_ENTRIES = 5000
MAX_MANIFEST_BYTES = 256 * 1024


class _Unknown(Exception):
    """Not a document of a kind we know (or an archive built to hurt)."""


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _Unknown
    with archive.open(info) as entry:
        return entry.read(MAX_MANIFEST_BYTES)


def _office_type(archive: zipfile.ZipFile) -> tuple[str, str]:
    mimetype = _read_entry(archive, "mimetype")
    if mimetype is not None:
        if mimetype.strip() in OPENDOCUMENT:
            return OPENDOCUMENT[mimetype.strip()]
        raise _Unknown
    manifest = _read_entry(archive, "[Content_Types].xml")
    if manifest is not None:
        text = manifest.decode("utf-8", errors="replace")
        if "macroEnabled" in text:
            raise _Unknown
        for main_part, found in OFFICE_OPEN_XML:
            if f'ContentType="{main_part}"' in text:
                return found
    raise _Unknown


def _zip_type(upload) -> tuple[str, str]:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if len(archive.infolist()) > MAX_ZIP_ENTRIES:
                raise _Unknown
            return _office_type(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        raise _Unknown from None


def detect_type(upload) -> tuple[str, str] | None:
    """(content type, extension) of a document of a kind we know, else None."""
    upload.seek(0)
    head = upload.read(8)
    try:
        if head.startswith(b"%PDF-"):
            found = PDF
        elif head.startswith(b"\x89PNG\r\n\x1a\n"):
            found = PNG
        elif head.startswith(b"\xff\xd8\xff"):
            found = JPEG
        elif head.startswith(b"PK\x03\x04"):
            found = _zip_type(upload)
        else:
            return None
    except _Unknown:
        return None
    finally:
        upload.seek(0)
    return found


def check_upload(upload, *, max_bytes: int, accepted: Collection[str], refusal: str) -> tuple[str, str]:
    """Check size and kind (its extension among ACCEPTED); rename the upload to a random name with the extension
    its content deserves. A file of another kind gets REFUSAL as its ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{upload.size / 1_048_576:.1f}", "limit": f"{max_bytes / 1_048_576:g}"},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    found = detect_type(upload)
    if found is None or found[1] not in accepted:
        raise ValidationError(refusal, code="file_type")
    content_type, extension = found
    upload.name = f"{secrets.token_urlsafe(18)}.{extension}"
    return content_type, extension


def attachment_response(stored, *, title: str, content_type: str) -> FileResponse:
    """A stored document as a download named after TITLE, which no browser renders in the portal's origin."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("This document is no longer available.")) from None
    extension = stored.name.rsplit(".", 1)[-1]
    filename = f"{slugify(title)[:80] or 'document'}.{extension}"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
