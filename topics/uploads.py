"""What an uploaded document really is, judged from its bytes, never from its name."""

import secrets
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from topics.models.resources import RESOURCE_MAX_BYTES

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


def _refuse():
    return ValidationError(
        _(
            "This file is not one of the accepted kinds: PDF, OpenDocument (ODT, ODS, ODP), "
            "Microsoft Office (DOCX, XLSX, PPTX), PNG or JPEG."
        ),
        code="file_type",
    )


def _read_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _refuse()
    with archive.open(info) as entry:
        return entry.read(MAX_MANIFEST_BYTES)


def _zip_type(upload) -> tuple[str, str]:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if len(archive.infolist()) > MAX_ZIP_ENTRIES:
                raise _refuse()
            mimetype = _read_entry(archive, "mimetype")
            if mimetype is not None:
                if mimetype.strip() in OPENDOCUMENT:
                    return OPENDOCUMENT[mimetype.strip()]
                raise _refuse()
            manifest = _read_entry(archive, "[Content_Types].xml")
            if manifest is not None:
                text = manifest.decode("utf-8", errors="replace")
                if "macroEnabled" in text:
                    raise _refuse()
                for main_part, found in OFFICE_OPEN_XML:
                    if f'ContentType="{main_part}"' in text:
                        return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        raise _refuse() from None
    raise _refuse()


def detect_type(upload) -> tuple[str, str]:
    """(content type, extension) of an accepted document, else ValidationError."""
    upload.seek(0)
    head = upload.read(8)
    if head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        found = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        found = JPEG
    elif head.startswith(b"PK\x03\x04"):
        found = _zip_type(upload)
    else:
        raise _refuse()
    upload.seek(0)
    return found


def check_upload(upload) -> tuple[str, str]:
    """Check size and kind; rename the upload to a random name with the extension its content deserves."""
    if upload.size > RESOURCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is 10 MB.") % {"size": f"{upload.size / 1_048_576:.1f}"},
            code="file_size",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    content_type, extension = detect_type(upload)
    upload.name = f"{secrets.token_urlsafe(18)}.{extension}"
    return content_type, extension
