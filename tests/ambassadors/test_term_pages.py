"""What the ambassadors' terms change on the pages: the term's end asked when signing (online and on paper), the
wall's current and former ambassadors and its counts, the certificate check, the city profile, the directory's
ambassador filter, one's own signatures, and the staff's queue of those who did not answer."""

import datetime

import pytest
from django.utils import timezone

from ambassadors.models import Signature
from core.models import ActionLog
from devdata.factories import (
    CityFactory,
    DeclarationFactory,
    ReconfirmationFactory,
    RepresentativeFactory,
    SignatureFactory,
)
from tests.ambassadors.helpers import city_of

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
SIGN = "/ambassadors/declaration/sign/"


def former(**fields) -> Signature:
    return SignatureFactory(term_status="left", left_office_on=datetime.date(2026, 6, 30), **fields)


# Signing


def _sign(client, **changes):
    representative = RepresentativeFactory(full_name="Anna Rossi")
    declaration = DeclarationFactory()
    client.force_login(representative)
    data = {"version": declaration.version, "full_name": "Anna Rossi", "office": "mayor",
            "city": city_of(representative).pk, "holds_office": "on", **changes}
    return client.post(SIGN, data)


def test_the_sign_form_asks_for_the_term_end_and_stores_it(client):
    response = _sign(client, term_ends_on=(TODAY + 900 * DAY).isoformat())
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert (signature.term_ends_on, signature.office_confirmed_on) == (TODAY + 900 * DAY, TODAY)


def test_the_term_end_is_optional(client):
    assert _sign(client).status_code == 302
    assert Signature.objects.get().term_ends_on is None


def test_a_term_ending_before_the_signature_gets_a_message_at_the_field_and_the_form_keeps_what_was_typed(client):
    response = _sign(client, term_ends_on="2020-05-01", statement="Cycling first.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The term cannot end before the signature" in html
    assert 'id="id_term_ends_on_error"' in html
    assert 'value="2020-05-01"' in html and "Cycling first." in html
    assert not Signature.objects.exists()


def test_an_impossible_date_is_refused_at_the_field(client):
    response = _sign(client, term_ends_on="2027-02-30")
    assert "Enter a valid date." in response.content.decode()
    assert not Signature.objects.exists()


def _paper(staff_client, **changes):
    data = {"declaration": DeclarationFactory().pk, "full_name": "Paper Mayor", "office": "mayor",
            "city": CityFactory().pk, "paper_place": "Brussels", "paper_signed_on": "2024-05-01", **changes}
    return staff_client.post("/admin/ambassadors/signature/add/", data)


def test_the_paper_form_asks_for_the_term_end_and_the_year_counts_from_the_paper(staff_client):
    assert _paper(staff_client, term_ends_on="2029-05-31").status_code == 302
    signature = Signature.objects.get()
    assert (signature.term_ends_on, signature.office_confirmed_on) == (
        datetime.date(2029, 5, 31),
        datetime.date(2024, 5, 1),
    )


def test_a_paper_term_ending_before_the_paper_was_signed_is_refused_at_the_field(staff_client):
    response = _paper(staff_client, term_ends_on="2024-04-30")
    assert response.status_code == 200
    assert "term_ends_on" in response.context["adminform"].form.errors
    assert not Signature.objects.exists()


# The wall


def test_the_wall_shows_current_ambassadors_and_counts_the_former_apart(client):
    SignatureFactory(full_name="Carla Current")
    former(full_name="Fred Former")
    response = client.get("/ambassadors/")
    html = response.content.decode()
    assert "Carla Current" in html and "Fred Former" not in html
    assert response.context["counts"] == {"current": 1, "former": 1}
    assert "1 current ambassador has signed the declaration." in html
    assert "1 former ambassador has since left office." in html
    assert 'href="/ambassadors/?term=former"' in html


def test_former_ambassadors_have_a_filter_of_their_own_and_say_since_when(client):
    SignatureFactory(full_name="Carla Current")
    former(full_name="Fred Former")
    html = client.get("/ambassadors/", {"term": "former"}).content.decode()
    assert "Fred Former" in html and "Carla Current" not in html
    assert "Former ambassador since 30 June 2026" in html
    both = client.get("/ambassadors/", {"term": "all"}).context["page"].paginator.count
    assert both == 2


def test_an_ambassador_who_was_asked_or_did_not_answer_is_still_current(client):
    SignatureFactory(full_name="Ann Asked", term_status="asked")
    SignatureFactory(full_name="Una Unanswered", term_status="unanswered")
    response = client.get("/ambassadors/")
    assert response.context["counts"] == {"current": 2, "former": 0}


def test_a_term_filter_that_is_not_understood_is_ignored_with_a_message(client):
    SignatureFactory(full_name="Carla Current")
    response = client.get("/ambassadors/", {"term": "nonsense"})
    assert response.status_code == 200
    assert "Carla Current" in response.content.decode()
    assert "Some filters were not understood" in response.content.decode()


# The certificate check, the certificate, one's signatures


def test_the_certificate_check_says_current(client):
    signature = SignatureFactory()
    html = client.get(signature.get_verify_url()).content.decode()
    assert "Genuine and current" in html and "Current ambassador" in html


def test_the_certificate_check_says_former_since_the_date(client):
    signature = former(full_name="Fred Former")
    html = client.get(signature.get_verify_url()).content.decode()
    assert "Genuine, former since 30 June 2026" in html
    assert "Genuine and current" not in html and "Fred Former" in html


def test_a_former_ambassador_keeps_their_certificate_which_says_so(client):
    signature = former(signer=RepresentativeFactory())
    client.force_login(signature.signer)
    html = client.get(signature.get_certificate_url()).content.decode()
    assert "Former ambassador since 30 June 2026" in html


def test_ones_signatures_show_the_term(client):
    signature = former(signer=RepresentativeFactory(), term_ends_on=datetime.date(2027, 1, 1))
    client.force_login(signature.signer)
    html = client.get("/ambassadors/my-signatures/").content.decode()
    assert "Former ambassador since 30 June 2026" in html and "1 January 2027" in html


# The city profile and the directory


def test_the_city_profile_lists_former_ambassadors_apart(client):
    city = CityFactory(name="Emmen")
    SignatureFactory(city=city, full_name="Carla Current")
    former(city=city, full_name="Fred Former")
    html = client.get(city.get_absolute_url()).content.decode()
    section = html[html.index('id="ambassadors-title"'):]
    assert "Carla Current" in section
    assert section.index("Former ambassadors") < section.index("Fred Former")


def test_the_directorys_ambassador_filter_counts_current_ambassadors_only(client):
    with_current = CityFactory(name="Currentville")
    SignatureFactory(city=with_current)
    only_former = CityFactory(name="Formerton")
    former(city=only_former)
    html = client.get("/cities/", {"ambassador": "yes"}).content.decode()
    assert "Currentville" in html and "Formerton" not in html
    assert "Formerton" in client.get("/cities/", {"ambassador": "no"}).content.decode()


def test_the_site_search_marks_a_former_ambassador(client):
    former(full_name="Fred Former")
    html = client.get("/search/", {"q": "Fred Former"}).content.decode()
    assert "Former ambassador since 30 June 2026" in html


# Staff


def test_the_staff_queue_counts_the_ambassadors_who_did_not_answer(staff_client):
    SignatureFactory.create_batch(2, term_status="unanswered")
    SignatureFactory(term_status="asked")
    SignatureFactory(term_status="unanswered", status="withdrawn")
    queues = {q["label"]: q for q in staff_client.get("/admin/").context["pending_queues"]}
    queue = queues["Ambassadors who did not re-confirm"]
    assert queue["count"] == 2
    response = staff_client.get(queue["url"])
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_staff_record_a_departure_from_the_queue_with_its_date_and_reason(staff_client):
    signature = SignatureFactory(term_status="unanswered", full_name="Una Unanswered")
    changelist = "/admin/ambassadors/ambassadorterm/"
    data = {"action": "signature_record_left_office", "_selected_action": [signature.pk]}
    asking = staff_client.post(changelist, data)
    assert 'name="left_office_on"' in asking.content.decode()
    staff_client.post(changelist, {**data, "apply": "1", "left_office_on": "2999-01-01", "reason": "Elections"},
                      follow=True)
    signature.refresh_from_db()
    assert signature.term_status == "unanswered"  # a future date is refused, as the message says
    done = staff_client.post(
        changelist, {**data, "apply": "1", "left_office_on": TODAY.isoformat(), "reason": "Elections"}, follow=True
    )
    assert "1 done" in done.content.decode()
    signature.refresh_from_db()
    assert (signature.term_status, signature.left_office_on) == ("left", TODAY)
    assert ActionLog.objects.about(signature).get().actor.is_staff


def test_staff_see_the_questions_asked_and_the_history_of_a_term(staff_client):
    asked = ReconfirmationFactory()
    html = staff_client.get(f"/admin/ambassadors/ambassadorterm/{asked.signature_id}/change/").content.decode()
    assert "re-confirmation requests" in html.lower() and "audit trail" in html.lower()
    assert 'name="term_status"' not in html


def test_a_former_ambassador_is_never_deleted_in_the_admin(staff_client):
    signature = former()
    response = staff_client.post(
        "/admin/ambassadors/ambassadorterm/", {"action": "delete_selected", "_selected_action": [signature.pk]}
    )
    assert response.status_code in (200, 302)
    assert Signature.objects.filter(pk=signature.pk).exists()


def test_ones_data_export_holds_the_term_the_questions_asked_and_the_right_to_report(client):
    import json

    from django.urls import reverse

    asked = ReconfirmationFactory(signature__signer=RepresentativeFactory(), signature__term_ends_on=TODAY + DAY)
    client.force_login(asked.signature.signer)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert data["ambassador_signatures"][0]["term_status"] == "asked"
    assert data["ambassador_signatures"][0]["term_ends_on"] == (TODAY + DAY).isoformat()
    assert data["ambassador_reconfirmations"][0]["occasion"] == "yearly"
    assert data["account"]["right_to_report_withdrawn"] is False
