"""/ambassadors/office/<token>/: the emailed question "do you still hold the office?", answered without logging
in. A valid link asks; an expired, altered or used one says so plainly and changes nothing."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from ambassadors.models import Signature
from ambassadors.services import RECONFIRMATION_SALT, reconfirmation_token
from core.models import ActionLog
from devdata.factories import ReconfirmationFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def url(token):
    return reverse("ambassadors:reconfirm", args=[token])


@pytest.fixture
def asked():
    return ReconfirmationFactory(signature__full_name="Sophie Martin", signature__city__name="Emmen")


def term_of(asked) -> str:
    asked.signature.refresh_from_db()
    return asked.signature.term_status


def test_opening_the_link_asks_the_question_and_changes_nothing(client, asked):
    response = client.get(url(reconfirmation_token(asked)))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Do you still hold your office?" in html
    assert "Sophie Martin, you signed version" in html and "Mayor of Emmen" in html
    assert 'name="answer"' in html and 'name="left_office_on"' in html
    assert term_of(asked) == "asked"


def test_saying_one_has_left_with_the_date_shows_one_as_former_at_once(client, asked):
    left_on = (TODAY - 2 * DAY).isoformat()
    response = client.post(url(reconfirmation_token(asked)), {"answer": "left", "left_office_on": left_on})
    assert response.status_code == 200
    assert "now shows you as a former ambassador" in response.content.decode()
    assert term_of(asked) == "left"
    assert asked.signature.left_office_on == TODAY - 2 * DAY
    wall = client.get("/ambassadors/", {"term": "former"}).content.decode()
    assert "Sophie Martin" in wall and "Former ambassador since" in wall


def test_saying_one_still_holds_the_office_says_when_we_ask_again(client, asked):
    response = client.post(url(reconfirmation_token(asked)), {"answer": "in_office"})
    assert "you remain an ambassador in office" in response.content.decode()
    assert term_of(asked) == "in_office"
    assert asked.signature.office_confirmed_on == TODAY


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "answer", "Choose one of the two answers."),
        ({"answer": "left"}, "left_office_on", "Give the date you left the office."),
        ({"answer": "left", "left_office_on": "31/02/2026"}, "left_office_on", "Enter a valid date."),
        ({"answer": "left", "left_office_on": "2999-01-01"}, "left_office_on", "cannot be in the future"),
        ({"answer": "left", "left_office_on": "1999-01-01"}, "left_office_on", "cannot be before the signature"),
        ({"answer": "in_office", "term_ends_on": "2001-01-01"}, "term_ends_on", "already ended"),
        ({"answer": "maybe"}, "answer", "Select a valid choice"),
    ],
    ids=["no answer", "no date", "no such date", "future", "before signing", "term over", "nonsense"],
)
def test_a_bad_answer_gets_a_message_at_its_field_keeps_what_was_typed_and_changes_nothing(
    client, asked, data, field, message
):
    response = client.post(url(reconfirmation_token(asked)), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html or (field == "answer" and 'id="answer-errors"' in html)
    for name in ("left_office_on", "term_ends_on"):
        if name in data:
            assert f'value="{data[name]}"' in html
    if data.get("answer") in ("left", "in_office"):
        assert re.search(rf'value="{data["answer"]}"[^>]*checked', html)
    assert term_of(asked) == "asked"
    assert not ActionLog.objects.about(asked.signature).exists()


def test_a_link_used_twice_says_it_was_answered_and_changes_nothing(client, asked):
    token = reconfirmation_token(asked)
    client.post(url(token), {"answer": "in_office"})
    for response in (client.get(url(token)), client.post(url(token), {"answer": "left", "left_office_on": TODAY})):
        assert response.status_code == 200
        html = response.content.decode()
        assert "already been answered. Nothing was changed." in html
        assert 'name="answer"' not in html
    assert term_of(asked) == "in_office"
    assert ActionLog.objects.about(asked.signature).count() == 1


def test_an_expired_link_says_so_and_changes_nothing(client, asked, monkeypatch):
    token = reconfirmation_token(asked)
    later = datetime.datetime.now().timestamp() + 61 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(url(token), {"answer": "left", "left_office_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert "The link has expired" in response.content.decode() and "60 days" in response.content.decode()
    assert term_of(asked) == "asked"


def test_a_link_still_works_after_the_thirty_days_that_flag_it_for_staff(client, asked, monkeypatch):
    Signature.objects.filter(pk=asked.signature_id).update(term_status="unanswered")
    token = reconfirmation_token(asked)
    later = datetime.datetime.now().timestamp() + 45 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    client.post(url(token), {"answer": "in_office"})
    assert term_of(asked) == "in_office"


@pytest.mark.parametrize(
    "make_token",
    [
        lambda r: reconfirmation_token(r)[:-3] + "abc",
        lambda r: signing.dumps({"r": r.pk}, salt="ambassadors.signature.confirm"),
        lambda r: signing.dumps({"r": r.pk + 999}, salt=RECONFIRMATION_SALT),
        lambda r: signing.dumps(["r", r.pk], salt=RECONFIRMATION_SALT),
        lambda r: "nonsense",
    ],
    ids=["tampered", "the signing link's salt", "unknown request", "not a mapping", "garbage"],
)
def test_an_altered_link_says_so_plainly_never_a_500_and_changes_nothing(client, asked, make_token):
    response = client.post(url(make_token(asked)), {"answer": "left", "left_office_on": TODAY.isoformat()})
    assert response.status_code == 400
    assert "incomplete or has been altered" in response.content.decode()
    assert term_of(asked) == "asked"


def test_the_link_of_an_older_question_says_it_needs_no_answer(client, asked):
    token = reconfirmation_token(asked)
    ReconfirmationFactory(signature=asked.signature, due_on=TODAY + 400 * DAY)
    response = client.post(url(token), {"answer": "in_office"})
    assert "no longer needs an answer" in response.content.decode()
    assert not ActionLog.objects.about(asked.signature).exists()


def test_a_logged_in_person_answering_is_named_in_the_history(client, asked):
    client.force_login(asked.signature.signer)
    client.post(url(reconfirmation_token(asked)), {"answer": "in_office"})
    assert ActionLog.objects.about(asked.signature).get().actor == asked.signature.signer
