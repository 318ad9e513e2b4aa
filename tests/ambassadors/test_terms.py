"""Ambassadors' terms: the yearly and term-end questions, the 30-day flag, and staff recording who left office.

Every step of the term's state machine (ambassadors.services), who may take it, and the daily jobs run twice.
"""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from ambassadors import terms
from ambassadors.models import Reconfirmation, Signature
from ambassadors.services import (
    reconfirmation_answer,
    signature_confirm_in_office,
    signature_record_left_office,
)
from core.models import ActionLog
from devdata.factories import (
    OfficerFactory,
    ReconfirmationFactory,
    RepresentativeFactory,
    SignatureFactory,
    StaffFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db
Term = Signature.Term
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def signature_confirmed(days_ago: int, **fields) -> Signature:
    """A verified signature whose holder last said they hold the office DAYS_AGO days ago."""
    signature = SignatureFactory(office_confirmed_on=TODAY - days_ago * DAY, **fields)
    signed_at = timezone.now() - days_ago * DAY
    Signature.objects.filter(pk=signature.pk).update(created_at=signed_at)
    signature.refresh_from_db()
    return signature


def ask(today=TODAY) -> int:
    """The daily job, and a worker sending what it queued once its transaction committed."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = terms.ask_for_reconfirmations(today=today)
    run_queued_tasks()
    return asked


def actions(signature) -> list[str]:
    return list(ActionLog.objects.about(signature).values_list("action", flat=True))


# The yearly question and the question at the term's end


def test_a_year_after_signing_the_ambassador_is_asked_once_by_mail_however_often_the_job_runs():
    signature = signature_confirmed(366)
    assert ask() == 1
    assert ask() == 0
    signature.refresh_from_db()
    assert signature.term_status == Term.ASKED
    asked = signature.reconfirmations.get()
    assert (asked.occasion, asked.due_on, asked.sent_on) == ("yearly", signature.next_reconfirmation_on, TODAY)
    assert [message.to for message in mail.outbox] == [[signature.email]]
    assert "/ambassadors/office/" in mail.outbox[0].body
    assert "Once a year" in mail.outbox[0].body
    assert actions(signature) == ["ambassadors.signature.reconfirmation_asked"]


def test_before_the_year_is_up_nobody_is_asked():
    signature = signature_confirmed(360)
    assert ask() == 0
    signature.refresh_from_db()
    assert signature.term_status == Term.IN_OFFICE and mail.outbox == []


def test_the_year_counts_from_the_last_confirmation_not_from_signing():
    signature = signature_confirmed(800)
    Signature.objects.filter(pk=signature.pk).update(office_confirmed_on=TODAY - 100 * DAY)
    assert ask() == 0
    assert ask(today=TODAY + 266 * DAY) == 1


def test_at_the_end_of_the_term_the_ambassador_is_asked_even_within_the_year():
    signature = signature_confirmed(100, term_ends_on=TODAY - DAY)
    assert ask() == 1
    asked = signature.reconfirmations.get()
    assert (asked.occasion, asked.due_on) == ("term_end", TODAY - DAY)
    assert "Your term of office was due to end on" in mail.outbox[0].body


def test_a_term_ending_later_waits_for_its_day():
    signature_confirmed(100, term_ends_on=TODAY + 10 * DAY)
    assert ask() == 0
    assert ask(today=TODAY + 10 * DAY) == 1


@pytest.mark.parametrize("status", ["unconfirmed", "confirmed", "rejected", "withdrawn"])
def test_only_verified_signatures_are_asked(status):
    signature_confirmed(400, status=status)
    assert ask() == 0 and mail.outbox == []


@pytest.mark.parametrize("term_status", [Term.ASKED, Term.UNANSWERED, Term.LEFT])
def test_ambassadors_already_asked_or_gone_are_not_asked_again(term_status):
    signature_confirmed(400, term_status=term_status)
    assert ask() == 0 and mail.outbox == []


def test_a_paper_signature_without_an_address_goes_straight_to_the_staff_queue():
    signature = signature_confirmed(400, signer=None, email="", source="paper")
    assert ask() == 1
    signature.refresh_from_db()
    assert signature.term_status == Term.UNANSWERED
    assert mail.outbox == []
    assert actions(signature) == ["ambassadors.signature.reconfirmation_unanswered"]


def test_the_question_is_asked_in_the_language_the_ambassador_signed_in():
    signature_confirmed(400, language="it")
    ask()
    assert "ambasciator" in mail.outbox[0].body.lower()


# No answer within 30 days


def test_after_thirty_days_without_an_answer_the_signature_waits_for_staff_once():
    signature = signature_confirmed(400)
    ask(today=TODAY - 30 * DAY)
    assert terms.flag_unanswered_reconfirmations(today=TODAY) == 1
    assert terms.flag_unanswered_reconfirmations(today=TODAY) == 0
    signature.refresh_from_db()
    assert signature.term_status == Term.UNANSWERED
    assert actions(signature)[-1] == "ambassadors.signature.reconfirmation_unanswered"
    assert actions(signature).count("ambassadors.signature.reconfirmation_unanswered") == 1


def test_within_thirty_days_the_ambassador_still_has_time():
    signature = signature_confirmed(400)
    ask(today=TODAY - 29 * DAY)
    assert terms.flag_unanswered_reconfirmations(today=TODAY) == 0
    signature.refresh_from_db()
    assert signature.term_status == Term.ASKED


def test_an_ambassador_who_answered_is_never_flagged():
    asked = ReconfirmationFactory(sent_on=TODAY - 40 * DAY)
    reconfirmation_answer(asked, still_in_office=True)
    assert terms.flag_unanswered_reconfirmations(today=TODAY) == 0


# The answers through the link


def test_still_in_office_confirms_today_and_the_next_question_comes_a_year_later():
    asked = ReconfirmationFactory()
    signature = reconfirmation_answer(asked, still_in_office=True, term_ends_on=TODAY + 700 * DAY)
    assert signature.term_status == Term.IN_OFFICE
    assert signature.office_confirmed_on == TODAY
    assert signature.term_ends_on == TODAY + 700 * DAY
    assert signature.next_reconfirmation_on == TODAY.replace(year=TODAY.year + 1) or TODAY.month == 2
    asked.refresh_from_db()
    assert (asked.answer, asked.answered_at is not None) == ("in_office", True)
    entry = ActionLog.objects.about(signature).get()
    assert (entry.action, entry.actor, entry.data["via"]) == ("ambassadors.signature.office_confirmed", None, "link")
    assert (entry.data["from_state"], entry.data["to_state"]) == ("asked", "in_office")


def test_having_left_makes_a_former_ambassador_who_stays_on_the_wall():
    asked = ReconfirmationFactory()
    signature = reconfirmation_answer(asked, still_in_office=False, left_office_on=TODAY - 5 * DAY)
    assert (signature.term_status, signature.left_office_on, signature.status) == ("left", TODAY - 5 * DAY, "verified")
    assert Signature.objects.on_wall().former().filter(pk=signature.pk).exists()
    assert not Signature.objects.on_wall().current().filter(pk=signature.pk).exists()
    entry = ActionLog.objects.about(signature).get()
    assert entry.action == "ambassadors.signature.left_office"
    assert entry.data["left_office_on"] == (TODAY - 5 * DAY).isoformat()


def test_a_flagged_ambassador_may_still_answer():
    asked = ReconfirmationFactory(signature__term_status=Term.UNANSWERED)
    assert reconfirmation_answer(asked, still_in_office=True).term_status == Term.IN_OFFICE


@pytest.mark.parametrize(
    ("left_on", "message"),
    [(TODAY + DAY, "cannot be in the future"), (TODAY - 500 * DAY, "cannot be before the signature"), (None, "Give")],
    ids=["future", "before signing", "missing"],
)
def test_an_impossible_date_of_leaving_is_refused_at_the_field_and_changes_nothing(left_on, message):
    asked = ReconfirmationFactory()
    with pytest.raises(ValidationError) as refusal:
        reconfirmation_answer(asked, still_in_office=False, left_office_on=left_on)
    assert message in refusal.value.message_dict["left_office_on"][0]
    asked.refresh_from_db()
    asked.signature.refresh_from_db()
    assert (asked.answered_at, asked.signature.term_status) == (None, Term.ASKED)


def test_a_request_is_answered_once():
    asked = ReconfirmationFactory()
    reconfirmation_answer(asked, still_in_office=True)
    with pytest.raises(ValidationError, match="already been answered") as refusal:
        reconfirmation_answer(asked, still_in_office=False, left_office_on=TODAY)
    assert refusal.value.code == "used"
    asked.signature.refresh_from_db()
    assert asked.signature.term_status == Term.IN_OFFICE


def test_an_older_request_no_longer_answers_once_a_newer_one_was_sent():
    old = ReconfirmationFactory(due_on=TODAY - 400 * DAY, sent_on=TODAY - 400 * DAY)
    ReconfirmationFactory(signature=old.signature, due_on=TODAY - DAY)
    with pytest.raises(ValidationError, match="no longer needs an answer"):
        reconfirmation_answer(old, still_in_office=True)


def test_the_link_of_a_withdrawn_signature_changes_nothing():
    asked = ReconfirmationFactory()
    Signature.objects.filter(pk=asked.signature_id).update(status="withdrawn")
    with pytest.raises(ValidationError, match="no longer needs an answer"):
        reconfirmation_answer(asked, still_in_office=True)


# Staff


@pytest.mark.parametrize("term_status", [Term.IN_OFFICE, Term.ASKED, Term.UNANSWERED])
def test_staff_record_that_someone_left_office_with_the_date_and_a_reason_and_the_ambassador_is_told(term_status):
    signature = signature_confirmed(400, term_status=term_status)
    staff = StaffFactory()
    with TestCase.captureOnCommitCallbacks(execute=True):
        signature_record_left_office(signature, by=staff, note="Elections of 9 June", left_office_on=TODAY - 3 * DAY)
    run_queued_tasks()
    signature.refresh_from_db()
    assert (signature.term_status, signature.left_office_on) == ("left", TODAY - 3 * DAY)
    entry = ActionLog.objects.about(signature).get()
    assert (entry.actor, entry.data["reason"], entry.data["via"]) == (staff, "Elections of 9 June", "staff")
    assert "Elections of 9 June" in mail.outbox[0].body and "former" in mail.outbox[0].subject


def test_recording_a_departure_needs_a_reason_and_a_date():
    signature = signature_confirmed(400)
    staff = StaffFactory()
    with pytest.raises(ValidationError, match="Give the reason"):
        signature_record_left_office(signature, by=staff, note=" ", left_office_on=TODAY)
    with pytest.raises(ValidationError, match="Give the date"):
        signature_record_left_office(signature, by=staff, note="Elections")
    signature.refresh_from_db()
    assert signature.term_status == Term.IN_OFFICE


def test_a_former_ambassador_cannot_leave_twice():
    signature = signature_confirmed(400, term_status=Term.LEFT, left_office_on=TODAY - 9 * DAY)
    with pytest.raises(ValidationError, match="already recorded as having left"):
        signature_record_left_office(signature, by=StaffFactory(), note="Again", left_office_on=TODAY)


def test_only_a_verified_signature_has_a_term_to_end():
    signature = signature_confirmed(400, status="confirmed")
    with pytest.raises(ValidationError, match="Only a verified signature"):
        signature_record_left_office(signature, by=StaffFactory(), note="Gone", left_office_on=TODAY)


def test_staff_record_that_an_ambassador_who_did_not_answer_still_holds_the_office():
    signature = signature_confirmed(400, term_status=Term.UNANSWERED)
    signature = signature_confirm_in_office(signature, by=StaffFactory(), note="Phoned the town hall")
    assert (signature.term_status, signature.office_confirmed_on) == (Term.IN_OFFICE, TODAY)
    assert ActionLog.objects.about(signature).get().data["reason"] == "Phoned the town hall"


def test_there_is_nothing_to_confirm_for_an_ambassador_nobody_asked():
    signature = signature_confirmed(10)
    with pytest.raises(ValidationError, match="nothing to confirm"):
        signature_confirm_in_office(signature, by=StaffFactory(), note="Phoned")


@pytest.mark.parametrize("make", [RepresentativeFactory, OfficerFactory], ids=["representative", "officer"])
def test_nobody_but_staff_records_a_departure_or_a_confirmation(make):
    signature = signature_confirmed(400, term_status=Term.UNANSWERED)
    person = make()
    with pytest.raises(ValidationError, match="Only staff"):
        signature_record_left_office(signature, by=person, note="Gone", left_office_on=TODAY)
    with pytest.raises(ValidationError, match="Only staff"):
        signature_confirm_in_office(signature, by=person, note="Still there")
    signature.refresh_from_db()
    assert signature.term_status == Term.UNANSWERED


def test_even_the_signer_cannot_record_their_own_departure_without_the_link():
    signature = signature_confirmed(400)
    with pytest.raises(ValidationError, match="Only staff"):
        signature_record_left_office(signature, by=signature.signer, note="I left", left_office_on=TODAY)


# The jobs, as the scheduler and a worker run them


def test_the_scheduler_runs_both_jobs_each_morning_and_a_second_tick_sends_nothing(settings):
    from core import scheduler
    from core.models import PeriodicRun

    signature_confirmed(400)
    waiting = signature_confirmed(400, term_status=Term.ASKED)
    Reconfirmation.objects.create(signature=waiting, occasion="yearly", due_on=TODAY - 40 * DAY,
                                  sent_on=TODAY - 40 * DAY)
    morning = timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10)))
    for _ in range(2):
        scheduler.tick(morning)
        run_queued_tasks()
    assert PeriodicRun.objects.filter(job__startswith="ambassadors.").count() == 2
    assert len(mail.outbox) == 1
    waiting.refresh_from_db()
    assert waiting.term_status == Term.UNANSWERED
