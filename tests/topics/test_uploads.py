"""Uploaded documents: the kind is read from the bytes, the size is capped, the name is random."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from devdata.factories import topic
from topics.models import Resource

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ooxml(main: str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Override PartName="/main.xml" '
                f'ContentType="application/vnd.openxmlformats-officedocument.{main}"/>'
                "</Types>"
            ).encode(),
            "main.xml": b"<x/>",
        }
    )


ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
DOCX = _ooxml("wordprocessingml.document.main+xml")
XLSX = _ooxml("spreadsheetml.sheet.main+xml")
PPTX = _ooxml("presentationml.presentation.main+xml")
DOCM = _zip(
    {
        "[Content_Types].xml": b"<Types>"
        b'<Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
        b'<Override ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/>'
        b"</Types>"
    }
)
PLAIN_ZIP = _zip({"readme.txt": b"hello"})


def _share(client, name: str, data: bytes, **extra):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(
        reverse("topics:resource-create", args=[topic().slug]),
        {"kind": "file", "title": "Our parking study", "description": "Results.", "file": upload, **extra},
    )


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("study.pdf", PDF, "application/pdf", "pdf"),
        ("map.png", PNG, "image/png", "png"),
        ("photo.jpeg", JPEG, "image/jpeg", "jpg"),
        ("notes.odt", ODT, "application/vnd.oasis.opendocument.text", "odt"),
        ("table.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        (
            "report.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        (
            "slides.pptx",
            PPTX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ),
        ("misnamed.txt", PDF, "application/pdf", "pdf"),
    ],
)
def test_an_accepted_document_is_stored_under_a_random_name_and_downloaded_as_an_attachment(
    name, data, content_type, extension, officer, client_as
):
    client = client_as(officer)
    response = _share(client, name, data)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.content_type == content_type
    assert resource.size == len(data)
    stored = resource.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(f".{extension}")
    assert name.rsplit(".", 1)[0] not in stored
    download = client.get(reverse("topics:resource-download", args=[resource.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"our-parking-study.{extension}" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", EXE),
        ("image.png", b"GIF89a" + b"\x00" * 20),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("macro.docx", DOCM),
        ("archive.docx", PLAIN_ZIP),
        ("broken.docx", b"PK\x03\x04not really a zip"),
        ("notes.odt", _zip({"mimetype": b"application/x-evil", "content.xml": b"<x/>"})),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_next_to_the_field(name, data, officer, client_as):
    response = _share(client_as(officer), name, data)
    assert response.status_code == 200
    assert not Resource.objects.exists()
    errors = response.context["form"].errors
    assert "file" in errors and "not one of the accepted kinds" in errors["file"][0]
    assert response.context["form"]["title"].value() == "Our parking study"


def test_a_file_over_ten_megabytes_is_refused(officer, client_as):
    response = _share(client_as(officer), "big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    assert not Resource.objects.exists()
    assert "limit is 10 MB" in response.context["form"].errors["file"][0]


def test_a_document_kind_needs_a_file_and_a_link_kind_needs_a_link(officer, client_as):
    client = client_as(officer)
    response = client.post(
        reverse("topics:resource-create", args=[topic().slug]), {"kind": "file", "title": "x"}
    )
    assert "file" in response.context["form"].errors
    response = client.post(
        reverse("topics:resource-create", args=[topic().slug]), {"kind": "link", "title": "x"}
    )
    assert "url" in response.context["form"].errors
    response = client.post(
        reverse("topics:resource-create", args=[topic().slug]),
        {"kind": "link", "title": "x", "url": "javascript:alert(1)"},
    )
    assert "url" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_members_only_document_is_not_downloaded_by_a_visitor(officer, client_as, client):
    _share(client_as(officer), "study.pdf", PDF, members_only="on")
    resource = Resource.objects.get()
    client.logout()
    assert client.get(reverse("topics:resource-download", args=[resource.pk])).status_code == 404
