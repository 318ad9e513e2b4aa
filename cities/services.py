"""The membership application workflow: the only code that changes an application's status."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities.models import City, GazetteerEntry, MembershipApplication
from cities.text import fold
from core.mail import send_templated_mail
from core.models import log_action


def application_submit(application: MembershipApplication, *, staff_emails: list[str]) -> None:
    with transaction.atomic():
        application.save()
        log_action(application, "cities.application.submitted")
    send_templated_mail("cities/emails/application_received", {"application": application}, [application.email])
    send_templated_mail("cities/emails/application_staff", {"application": application}, staff_emails)


def _locked_submitted(application: MembershipApplication) -> MembershipApplication:
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != MembershipApplication.Status.SUBMITTED:
        raise ValidationError(
            _("This application was already decided (%(status)s).") % {"status": locked.get_status_display()}
        )
    return locked


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


def application_approve(application: MembershipApplication, *, by, note: str = "") -> City:
    with transaction.atomic():
        application = _locked_submitted(application)
        city = _city_for(application)
        city.membership_status = City.Membership.MEMBER
        city.joined_on = city.joined_on or timezone.localdate()
        city.save()
        application.city = city
        application.status = MembershipApplication.Status.APPROVED
        application.decided_by, application.decided_at = by, timezone.now()
        application.decision_note = note
        application.save()
        log_action(application, "cities.application.approved", actor=by, city=city.slug, note=note)
        log_action(city, "cities.city.joined", actor=by, application=application.pk)
    send_templated_mail("cities/emails/application_approved", {"application": application, "city": city},
                        [application.email])
    return city


def application_reject(application: MembershipApplication, *, by, note: str = "") -> None:
    with transaction.atomic():
        application = _locked_submitted(application)
        application.status = MembershipApplication.Status.REJECTED
        application.decided_by, application.decided_at = by, timezone.now()
        application.decision_note = note
        application.save()
        log_action(application, "cities.application.rejected", actor=by, note=note)
    send_templated_mail("cities/emails/application_rejected", {"application": application}, [application.email])
