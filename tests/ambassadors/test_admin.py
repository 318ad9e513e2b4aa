"""Staff in the admin: decide on signatures, record paper ones, export, see the pending queue."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ambassadors.models import Declaration, Signature
from core.models import ActionLog
from devdata.factories import CityFactory, DeclarationFactory, SignatureFactory, StaffFactory, TranslationFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/ambassadors/signature/"


@pytest.fixture
def staff(client, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "accounts.middleware.StaffMFAMiddleware"]
    user = StaffFactory()
    client.force_login(user)
    return user


def act(client, action, signatures, **extra):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [s.pk for s in signatures], **extra}, follow=True
    )


def test_staff_verify_confirmed_signatures_from_the_list(client, staff):
    signature = SignatureFactory(status="confirmed", verified_at=None)
    act(client, "signature_verify", [signature], apply="1", reason="")
    signature.refresh_from_db()
    assert signature.status == "verified"
    assert ActionLog.objects.about(signature).get().actor == staff


def test_a_rejection_asks_for_a_reason_first(client, staff):
    signature = SignatureFactory(status="confirmed")
    response = act(client, "signature_reject", [signature], apply="1", reason="")
    assert "This field is required" in response.content.decode()
    signature.refresh_from_db()
    assert signature.status == "confirmed"
    act(client, "signature_reject", [signature], apply="1", reason="Not in office")
    signature.refresh_from_db()
    assert (signature.status, signature.decision_note) == ("rejected", "Not in office")


def test_a_wrong_state_is_reported_and_the_others_go_on(client, staff):
    unconfirmed = SignatureFactory(status="unconfirmed")
    confirmed = SignatureFactory(status="confirmed")
    response = act(client, "signature_verify", [unconfirmed, confirmed], apply="1", reason="")
    assert "not possible now" in response.content.decode()
    confirmed.refresh_from_db()
    unconfirmed.refresh_from_db()
    assert (confirmed.status, unconfirmed.status) == ("verified", "unconfirmed")


def test_the_list_filters_by_state_version_country_source_and_duplicate_flag(client, staff):
    SignatureFactory(possible_duplicate=True, full_name="Dupe Person")
    SignatureFactory(full_name="Single Person")
    response = client.get(CHANGELIST, {"possible_duplicate__exact": "1"})
    text = response.content.decode()
    assert "Dupe Person" in text and "Single Person" not in text
    for query in (
        "status__exact=verified",
        "source__exact=paper",
        "city__country=NL",
        "declaration__id__exact=1",
    ):
        assert client.get(f"{CHANGELIST}?{query}").status_code == 200


def test_the_csv_export_neutralises_formulas(client, staff):
    SignatureFactory(full_name='=HYPERLINK("http://evil")', statement="+cmd")
    response = act(client, "export_signatures_csv", Signature.objects.all())
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["full_name"].startswith("'=")
    assert rows[0]["statement"] == "'+cmd"


def test_staff_record_a_paper_signature_with_a_scan(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    declaration, city = DeclarationFactory(), CityFactory()
    response = client.post(
        "/admin/ambassadors/signature/add/",
        {
            "declaration": declaration.pk,
            "full_name": "Paper Mayor",
            "office": "mayor",
            "office_title": "",
            "city": city.pk,
            "email": "",
            "signer": "",
            "statement": "",
            "listed_publicly": "on",
            "paper_signed_on": "2024-05-01",
            "paper_place": "Brussels",
            "paper_scan": SimpleUploadedFile("signed.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    signature = Signature.objects.get()
    assert (signature.status, signature.source, signature.paper_place) == ("verified", "paper", "Brussels")
    assert signature.paper_scan.name.endswith(".pdf") and "signed" not in signature.paper_scan.name
    assert ActionLog.objects.about(signature).get().actor == staff


def test_a_paper_signature_needs_its_date_and_refuses_a_future_one(client, staff):
    declaration, city = DeclarationFactory(), CityFactory()
    data = {
        "declaration": declaration.pk,
        "full_name": "X",
        "office": "mayor",
        "city": city.pk,
        "paper_place": "Brussels",
        "paper_signed_on": "2999-01-01",
    }
    response = client.post("/admin/ambassadors/signature/add/", data)
    assert response.status_code == 200
    assert "paper_signed_on" in response.context["adminform"].form.errors
    assert not Signature.objects.exists()


def test_a_signature_is_read_only_with_its_history_below(client, staff):
    signature = SignatureFactory()
    response = client.get(f"/admin/ambassadors/signature/{signature.pk}/change/")
    assert response.status_code == 200
    assert 'name="full_name"' not in response.content.decode()
    assert "audit trail" in response.content.decode().lower()


def test_the_pending_queue_counts_confirmed_signatures(client, staff):
    SignatureFactory.create_batch(2, status="confirmed")
    SignatureFactory(status="verified")
    queues = {q["label"]: q["count"] for q in client.get("/admin/").context["pending_queues"]}
    assert queues["Ambassador signatures to verify"] == 2


def test_a_published_declaration_is_read_only_in_the_admin(client, staff):
    declaration = DeclarationFactory()
    TranslationFactory(declaration=declaration)
    text = client.get(f"/admin/ambassadors/declaration/{declaration.pk}/change/").content.decode()
    assert 'name="body"' not in text
    assert 'name="translations-0-body"' not in text


def test_staff_publish_a_draft_and_start_a_new_version(client, staff):
    draft = DeclarationFactory(published_at=None)
    client.post(
        "/admin/ambassadors/declaration/", {"action": "declaration_publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.is_published
    client.post(
        "/admin/ambassadors/declaration/",
        {"action": "declaration_new_version", "_selected_action": [draft.pk]},
    )
    newest = Declaration.objects.order_by("-version").first()
    assert newest.version == draft.version + 1 and not newest.is_published and newest.body == draft.body


def test_the_admin_is_closed_to_non_staff(client):
    from devdata.factories import RepresentativeFactory

    client.force_login(RepresentativeFactory())
    assert client.get(CHANGELIST).status_code == 302


def test_the_add_pages_open_with_the_next_version_proposed(client, staff):
    DeclarationFactory(version=3)
    response = client.get("/admin/ambassadors/declaration/add/")
    assert response.status_code == 200
    assert response.context["adminform"].form.initial["version"] == 4
    assert client.get("/admin/ambassadors/signature/add/").status_code == 200


def test_staff_write_a_draft_with_a_translation(client, staff):
    response = client.post(
        "/admin/ambassadors/declaration/add/",
        {
            "version": 1,
            "title": "Draft",
            "body": "Words",
            "translations-TOTAL_FORMS": 1,
            "translations-INITIAL_FORMS": 0,
            "translations-0-language": "fr",
            "translations-0-title": "Projet",
            "translations-0-body": "Mots",
            "core-actionlog-content_type-object_id-TOTAL_FORMS": 0,
            "core-actionlog-content_type-object_id-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft = Declaration.objects.get()
    assert not draft.is_published and draft.translations.get().language == "fr"
