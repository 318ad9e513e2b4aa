"""Factories of the membership lifecycle (applications on the checklist, documents)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from devdata.factories import ApplicationFactory

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class CheckedApplicationFactory(ApplicationFactory):
    """An application whose checklist the staff have worked through."""

    document_received = True
    contact_confirmed = True
    gazetteer_matched = True
    welcome_call_held = True


def pdf_upload(name: str = "council-decision.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")
