"""The affiliation workflow: each step checks the state, records who and when, logs and mails after commit."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts import services
from accounts.models import Affiliation, AffiliationQuerySet
from cities.models import City
from core.models import ActionLog
from devdata.factories import (
    AffiliationFactory,
    CityFactory,
    PendingAffiliationFactory,
    StaffFactory,
    UserFactory,
)
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffFactory()


def test_verify_sets_the_decision_logs_it_and_mails_the_user(staff, django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_verify(affiliation, by=staff, note="Checked on the city's website")
    run_queued_tasks()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.VERIFIED
    assert affiliation.decided_by == staff
    assert affiliation.decided_at is not None
    assert affiliation.decision_note == "Checked on the city's website"
    entry = ActionLog.objects.get(action="accounts.affiliation.verified")
    assert entry.actor == staff
    assert entry.object_id == affiliation.pk
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [affiliation.user.email]
    assert affiliation.city.name in mail.outbox[0].subject


def test_no_mail_is_sent_when_the_transaction_is_rolled_back(staff, django_capture_on_commit_callbacks):
    from django.db import transaction

    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.affiliation_verify(affiliation, by=staff)
                raise RuntimeError("something later failed")
        except RuntimeError:
            pass
    run_queued_tasks()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.PENDING
    assert mail.outbox == []


def test_reject_needs_a_reason(staff):
    affiliation = PendingAffiliationFactory()
    with pytest.raises(ValidationError):
        services.affiliation_reject(affiliation, by=staff, note="  ")
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.PENDING


def test_reject_with_a_reason_mails_the_reason(staff, django_capture_on_commit_callbacks):
    affiliation = PendingAffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_reject(affiliation, by=staff, note="Not listed by the city")
    run_queued_tasks()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.REJECTED
    assert ActionLog.objects.filter(action="accounts.affiliation.rejected", actor=staff).exists()
    assert "Not listed by the city" in mail.outbox[0].body


def test_revoke_ends_a_verified_affiliation_with_a_reason(staff, django_capture_on_commit_callbacks):
    affiliation = AffiliationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_revoke(affiliation, by=staff, note="Left the city's service")
    run_queued_tasks()
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.REVOKED
    assert affiliation.decided_by == staff
    assert ActionLog.objects.filter(action="accounts.affiliation.revoked").exists()
    assert "Left the city's service" in mail.outbox[0].body


def test_revoke_needs_a_reason(staff):
    with pytest.raises(ValidationError):
        services.affiliation_revoke(AffiliationFactory(), by=staff, note="")


@pytest.mark.parametrize(
    ("step", "state"),
    [
        ("affiliation_verify", Affiliation.Status.VERIFIED),
        ("affiliation_verify", Affiliation.Status.REJECTED),
        ("affiliation_verify", Affiliation.Status.REVOKED),
        ("affiliation_reject", Affiliation.Status.VERIFIED),
        ("affiliation_reject", Affiliation.Status.REJECTED),
        ("affiliation_revoke", Affiliation.Status.PENDING),
        ("affiliation_revoke", Affiliation.Status.REVOKED),
        ("affiliation_revoke", Affiliation.Status.WITHDRAWN),
    ],
)
def test_a_step_from_the_wrong_state_is_refused(staff, step, state):
    affiliation = AffiliationFactory(status=state)
    with pytest.raises(ValidationError):
        getattr(services, step)(affiliation, by=staff, note="reason")
    affiliation.refresh_from_db()
    assert affiliation.status == state
    assert not ActionLog.objects.exists()


def test_the_state_is_read_again_under_lock_not_taken_from_a_stale_object(staff):
    affiliation = PendingAffiliationFactory()
    stale = Affiliation.objects.get(pk=affiliation.pk)
    services.affiliation_reject(affiliation, by=staff, note="No")
    with pytest.raises(ValidationError):
        services.affiliation_verify(stale, by=staff)


def test_request_checks_membership_and_verified_email():
    with pytest.raises(ValidationError):
        services.affiliation_request(
            user=UserFactory(verified=False), city=CityFactory(), role="officer", job_title="Officer"
        )
    with pytest.raises(ValidationError):
        services.affiliation_request(
            user=UserFactory(),
            city=CityFactory(membership_status=City.Membership.FORMER),
            role="officer",
            job_title="Officer",
        )


def test_request_turns_the_database_constraint_into_a_validation_error(monkeypatch):
    existing = PendingAffiliationFactory()
    # As if a second request had raced past the check: only the constraint stops it.
    monkeypatch.setattr(AffiliationQuerySet, "live", lambda self: self.none())
    with pytest.raises(ValidationError) as raised:
        services.affiliation_request(
            user=existing.user, city=existing.city, role=existing.role, job_title="Officer"
        )
    assert raised.value.code == "duplicate"
    assert Affiliation.objects.count() == 1


def test_the_user_withdraws_their_own_affiliation():
    affiliation = AffiliationFactory()
    services.affiliation_withdraw(affiliation, by=affiliation.user)
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.WITHDRAWN
    assert ActionLog.objects.filter(action="accounts.affiliation.withdrawn", actor=affiliation.user).exists()


def test_nobody_withdraws_someone_elses_affiliation():
    affiliation = AffiliationFactory()
    with pytest.raises(ValidationError):
        services.affiliation_withdraw(affiliation, by=UserFactory())
    affiliation.refresh_from_db()
    assert affiliation.status == Affiliation.Status.VERIFIED


def test_a_verified_officer_loses_posting_rights_when_revoked(staff):
    from accounts import permissions
    from accounts.models import User

    affiliation = AffiliationFactory()
    assert permissions.can_post(User.objects.get(pk=affiliation.user.pk))
    services.affiliation_revoke(affiliation, by=staff, note="Left")
    assert not permissions.can_post(User.objects.get(pk=affiliation.user.pk))


@pytest.mark.parametrize(
    ("email", "domain", "expected"),
    [
        ("anna@emmen.nl", "emmen.nl", True),
        ("anna@Emmen.NL", "emmen.nl", True),
        ("anna@mobility.emmen.nl", "emmen.nl", True),
        ("anna@emmen.nl", "@emmen.nl", True),
        ("anna@notemmen.nl", "emmen.nl", False),
        ("anna@emmen.nl.evil.example", "emmen.nl", False),
        ("anna@gmail.com", "emmen.nl", False),
        ("anna@emmen.nl", "", False),
    ],
)
def test_email_on_the_official_domain_is_evidence(email, domain, expected):
    affiliation = AffiliationFactory.build(
        user=UserFactory.build(email=email), city=CityFactory.build(official_email_domain=domain)
    )
    assert affiliation.email_on_official_domain is expected


def test_the_same_request_sent_twice_at_once_is_one_request_not_an_error():
    from accounts.services import affiliation_request

    user = UserFactory()
    city = CityFactory()
    fields = {"user": user, "city": city, "role": Affiliation.Role.OFFICER, "job_title": "Planner"}
    first = affiliation_request(**fields)
    assert affiliation_request(**fields) == first
    assert Affiliation.objects.filter(user=user).count() == 1


def test_a_different_request_for_the_same_city_and_role_is_still_refused():
    from django.core.exceptions import ValidationError

    from accounts.services import affiliation_request

    user = UserFactory()
    city = CityFactory()
    affiliation_request(user=user, city=city, role=Affiliation.Role.OFFICER, job_title="Planner")
    with pytest.raises(ValidationError):
        affiliation_request(user=user, city=city, role=Affiliation.Role.OFFICER, job_title="Engineer")



def _request_whose_save_fails_with(monkeypatch, message):
    from django.db import IntegrityError

    def failing_save(self, *args, **kwargs):
        raise IntegrityError(message)

    monkeypatch.setattr(Affiliation, "save", failing_save)
    services.affiliation_request(
        user=UserFactory(), city=CityFactory(), role=Affiliation.Role.OFFICER, job_title="Planner"
    )


def test_a_request_that_lost_a_race_to_the_constraint_is_told_it_is_a_duplicate(monkeypatch):
    with pytest.raises(ValidationError):
        _request_whose_save_fails_with(
            monkeypatch, 'duplicate key value violates unique constraint "one_live_affiliation_per_user_city_role"'
        )


def test_any_other_integrity_error_is_not_passed_off_as_a_duplicate(monkeypatch):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        _request_whose_save_fails_with(
            monkeypatch, 'null value in column "name" of relation "cities_city" violates not-null constraint'
        )
