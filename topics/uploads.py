"""The documents officers share in topic areas: any office document or image core.uploads knows, up to 10 MB."""

from django.utils.translation import gettext as _

from core import uploads
from topics.models.resources import RESOURCE_MAX_BYTES

ACCEPTED = {"pdf", "png", "jpg", "odt", "ods", "odp", "docx", "xlsx", "pptx"}


def check_upload(upload) -> tuple[str, str]:
    """Check size and kind; rename the upload to a random name with the extension its content deserves."""
    return uploads.check_upload(
        upload,
        max_bytes=RESOURCE_MAX_BYTES,
        accepted=ACCEPTED,
        refusal=_(
            "This file is not one of the accepted kinds: PDF, OpenDocument (ODT, ODS, ODP), "
            "Microsoft Office (DOCX, XLSX, PPTX), PNG or JPEG."
        ),
    )
