"""The membership lifecycle in the demo, made through its workflows (after the cities and the people): a
suspended and a former member city, a city whose plan revision falls due soon, and an application half through
its checklist. Idempotent: what is in place already is left as it is."""

import datetime

from django.utils import timezone

from accounts.models import User
from cities.models import City, MembershipApplication
from cities.plans import plan_update
from cities.services import application_check, application_submit, city_end_membership, city_suspend
from devdata.demo.people import staff_member

SUSPENDED = ("Kristiansand", "Demo: the membership fee has not been paid for two years.")
FORMER = ("Stavanger", "Demo: the city decided to leave the platform.")
PLAN_DUE_SOON = "Emmen"
APPLICANT_EMAIL = "mobility@hasselt.demo.example.org"


def _city(name: str) -> City | None:
    return City.objects.filter(name=name).first()


def _change_membership(staff, stdout) -> None:
    for (name, note), perform in [(SUSPENDED, city_suspend), (FORMER, city_end_membership)]:
        city = _city(name)
        if city is not None and city.membership_status == City.Membership.MEMBER:
            perform(city, by=staff, note=note)
            stdout.write(f"  {name}: {perform.__name__}")


def _plan_due_soon(stdout) -> None:
    city = _city(PLAN_DUE_SOON)
    officer = User.objects.filter(affiliations__city=city, affiliations__role="officer").first() if city else None
    if city is None or officer is None or city.sump_revision_due is not None:
        return
    today = timezone.localdate()
    values = {
        "sump_status": City.Sump.ADOPTED,
        "sump_adopted_on": today.replace(year=today.year - 5, day=1),
        "sump_revision_due": today + datetime.timedelta(days=60),
        "sump_url": "",
    }
    plan_update(city, by=officer, values=values, today=today)
    stdout.write(f"  {city.name}: mobility plan revision due in 60 days")


def _application_on_the_checklist(staff, stdout) -> None:
    if MembershipApplication.objects.filter(email=APPLICANT_EMAIL).exists():
        return
    application = MembershipApplication(
        city_name="Hasselt",
        country="BE",
        population=78_000,
        contact_name="Lena Peeters",
        applicant_role=MembershipApplication.ApplicantRole.OFFICER,
        contact_role="Mobility coordinator",
        email=APPLICANT_EMAIL,
        motivation="Hasselt wants to share its experience with free public transport and learn about shared mobility.",
        consent_to_contact=True,
    )
    application_submit(application, staff_emails=[])
    application_check(application, items=["contact_confirmed", "gazetteer_matched"], by=staff, note="Demo")
    stdout.write("  application of Hasselt: two of four checklist items ticked")


def load(stdout) -> None:
    staff = staff_member(stdout)
    _change_membership(staff, stdout)
    _plan_due_soon(stdout)
    _application_on_the_checklist(staff, stdout)
