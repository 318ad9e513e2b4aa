"""The membership application workflow: the only code that changes an application's status.

submitted --(staff)--> approved (the city becomes a member) | rejected (with the reason, mailed).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from cities.models import City, GazetteerEntry, MembershipApplication
from core.mail import send_templated_mail
from core.models import log_action
from core.text import fold
from core.workflow import require, require_reason, transition

Status = MembershipApplication.Status


def application_submit(application: MembershipApplication, *, staff_emails: list[str]) -> None:
    with transaction.atomic():
        application.save()
        log_action(application, "cities.application.submitted")
    send_templated_mail("cities/emails/application_received", {"application": application}, [application.email])
    send_templated_mail("cities/emails/application_staff", {"application": application}, staff_emails)


def _city_for(application: MembershipApplication) -> City:
    """The existing city record of that name and country, or a new one filled from the gazetteer."""
    name = fold(application.city_name)
    city = City.objects.filter(search_name=name, country=application.country).first()
    if city is None:
        city = City(name=application.city_name.strip(), country=application.country)
        entry = GazetteerEntry.objects.filter(search_name=name, country=application.country).first()
        if entry is not None:
            city.fill_from_gazetteer(entry)
        if city.population is None:
            city.population = application.population
    return city


def _decide(application, *, to: str, by, note: str):
    require(permissions.can_moderate(by), _("Only staff decide on membership applications."))
    return transition(
        application, allowed_from=[Status.SUBMITTED], action=f"cities.application.{to}", by=by, reason=note
    )


def application_approve(application: MembershipApplication, *, by, note: str = "") -> City:
    with _decide(application, to=Status.APPROVED, by=by, note=note) as locked:
        city = _city_for(locked)
        city.membership_status = City.Membership.MEMBER
        city.joined_on = city.joined_on or timezone.localdate()
        city.save()
        log_action(city, "cities.city.joined", actor=by, application=locked.pk)
        locked.city = city
        locked.status = Status.APPROVED
        locked.save(update_fields=["city", "status", *locked.record_decision(by=by, note=note)])
    send_templated_mail(
        "cities/emails/application_approved", {"application": locked, "city": city}, [locked.email]
    )
    return city


def application_reject(application: MembershipApplication, *, by, note: str) -> MembershipApplication:
    note = require_reason(note, _("Give the reason for the rejection: it is sent to the applicant."))
    with _decide(application, to=Status.REJECTED, by=by, note=note) as locked:
        locked.status = Status.REJECTED
        locked.save(update_fields=["status", *locked.record_decision(by=by, note=note)])
    send_templated_mail("cities/emails/application_rejected", {"application": locked}, [locked.email])
    return locked
