"""Membership: the only code that changes a city's membership status, or an application's status and checklist.

A city:          applicant --admit--> member --suspend--> suspended --reinstate--> member
                 member | suspended --end_membership--> former --readmit--> member
An application:  submitted --(staff: checklist complete, or a reason to approve without it)--> approved
                 (the city is admitted, or re-admitted, through the city's own step) | rejected (reason mailed);
                 each checklist item is ticked, or cleared with a reason, as a step of its own.

Every step is the staff's, goes through core.workflow.transition (locked, checked, one audit entry with who and
why) and mails after the commit: a city's steps its verified people, an application's decision the applicant.
What a city's state means for its officers and representatives is in accounts.permissions (city_confers_rights).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Affiliation
from cities.models import City, GazetteerEntry, MembershipApplication
from core.mail import send_templated_mail
from core.models import log_action
from core.text import fold
from core.workflow import Refused, require, require_reason, transition

Status = MembershipApplication.Status
Membership = City.Membership


def _require_staff(user) -> None:
    require(permissions.can_change_membership(user), _("Only staff decide on a city's membership."))


# A city's membership ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MembershipStep:
    allowed_from: tuple[str, ...]
    to: str
    action: str


MEMBERSHIP_STEPS = {
    "admit": MembershipStep((Membership.APPLICANT,), Membership.MEMBER, "cities.city.admitted"),
    "suspend": MembershipStep((Membership.MEMBER,), Membership.SUSPENDED, "cities.city.suspended"),
    "reinstate": MembershipStep((Membership.SUSPENDED,), Membership.MEMBER, "cities.city.reinstated"),
    "end_membership": MembershipStep(
        (Membership.MEMBER, Membership.SUSPENDED), Membership.FORMER, "cities.city.membership_ended"
    ),
    "readmit": MembershipStep((Membership.FORMER,), Membership.MEMBER, "cities.city.readmitted"),
}


def verified_people_emails(city: City) -> list[str]:
    """The addresses of the city's verified officers and political representatives whose accounts are active."""
    return list(
        Affiliation.objects.verified()
        .filter(city=city, user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )


def _membership_step(city: City, step_name: str, *, by, note: str) -> City:
    _require_staff(by)
    note = require_reason(note, _("Give the reason: it is kept in the city's audit trail and sent to its officers."))
    step = MEMBERSHIP_STEPS[step_name]
    today = timezone.localdate()
    with transition(
        city, field="membership_status", allowed_from=step.allowed_from, action=step.action, by=by, reason=note
    ) as locked:
        locked.membership_status = step.to
        locked.membership_changed_on = today
        if step_name == "readmit" or (step_name == "admit" and locked.joined_on is None):
            locked.joined_on = today
        locked.save(update_fields=["membership_status", "membership_changed_on", "joined_on", "updated_at"])
    send_templated_mail(
        "cities/emails/membership_changed",
        {"city": locked, "step": step_name, "note": note},
        verified_people_emails(locked),
    )
    return locked


def city_admit(city: City, *, by, note: str) -> City:
    return _membership_step(city, "admit", by=by, note=note)


def city_suspend(city: City, *, by, note: str) -> City:
    return _membership_step(city, "suspend", by=by, note=note)


def city_reinstate(city: City, *, by, note: str) -> City:
    return _membership_step(city, "reinstate", by=by, note=note)


def city_end_membership(city: City, *, by, note: str) -> City:
    return _membership_step(city, "end_membership", by=by, note=note)


def city_readmit(city: City, *, by, note: str) -> City:
    return _membership_step(city, "readmit", by=by, note=note)


def city_register(city: City, *, by) -> City:
    """A city staff add by hand starts as an applicant: only a logged step makes it a member."""
    _require_staff(by)
    with transaction.atomic():
        city.membership_status = Membership.APPLICANT
        city.membership_changed_on = timezone.localdate()
        city.save()
        log_action(city, "cities.city.registered", actor=by, to_state=city.membership_status)
    return city


# Applications -----------------------------------------------------------------------------------------------


def _gazetteer_match(name: str, country) -> GazetteerEntry | None:
    return GazetteerEntry.objects.filter(search_name=fold(name), country=country).first()


def application_submit(application: MembershipApplication, *, staff_emails: list[str]) -> None:
    with transaction.atomic():
        # A suggestion for the staff, who confirm it on the checklist ("city matched to its gazetteer entry").
        application.gazetteer_entry = _gazetteer_match(application.city_name, application.country)
        application.save()
        log_action(application, "cities.application.submitted")
    send_templated_mail("cities/emails/application_received", {"application": application}, [application.email])
    send_templated_mail("cities/emails/application_staff", {"application": application}, staff_emails)


CHECKLIST_FIELDS = [field for field, _label in MembershipApplication.CHECKLIST]


def _checklist_step(application, item: str, *, ticked: bool, by, note: str) -> MembershipApplication:
    _require_staff(by)
    if item not in CHECKLIST_FIELDS:
        raise Refused(_("There is no such checklist item."), code="invalid")
    label = dict(MembershipApplication.CHECKLIST)[item]
    already = _("“%(item)s” is already ticked.") if ticked else _("“%(item)s” is not ticked.")
    action = "cities.application.checked" if ticked else "cities.application.unchecked"
    with transition(
        application, field=item, allowed_from=[not ticked], refusal=already % {"item": label}, action=action,
        by=by, reason=note, item=item,
    ) as locked:
        require(locked.status == Status.SUBMITTED, _("This application is decided already."), code="wrong_state")
        if ticked and item == "gazetteer_matched":
            require(locked.gazetteer_entry_id is not None, _("Pick the city's gazetteer entry first."))
        setattr(locked, item, ticked)
        locked.save(update_fields=[item])
    return locked


def application_check(application, *, items: list[str], by, note: str = "") -> MembershipApplication:
    """Tick the checklist ITEMS, each a logged step of its own; all of them or, on any refusal, none."""
    require(bool(items), _("Choose at least one checklist item."), code="invalid")
    with transaction.atomic():
        for item in items:
            application = _checklist_step(application, item, ticked=True, by=by, note=note)
    return application


def application_uncheck(application, *, items: list[str], by, note: str) -> MembershipApplication:
    """Clear checklist ITEMS ticked by mistake; the reason is kept in the audit trail."""
    require(bool(items), _("Choose at least one checklist item."), code="invalid")
    note = require_reason(note, _("Say why the item is cleared: it is kept in the audit trail."))
    with transaction.atomic():
        for item in items:
            application = _checklist_step(application, item, ticked=False, by=by, note=note)
    return application


def _existing_city(application: MembershipApplication) -> City | None:
    if application.gazetteer_entry_id is not None:
        city = City.objects.filter(gazetteer_entry_id=application.gazetteer_entry_id).first()
        if city is not None:
            return city
    return City.objects.filter(search_name=fold(application.city_name), country=application.country).first()


def _new_city(application: MembershipApplication, *, by) -> City:
    # The entry staff matched names the city as the gazetteer does; otherwise the name typed is kept.
    matched = application.gazetteer_entry
    city = City(name="" if matched else application.city_name.strip(), country=application.country)
    entry = matched or _gazetteer_match(application.city_name, application.country)
    if entry is not None:
        city.fill_from_gazetteer(entry)
    if city.population is None:
        city.population = application.population
    return city_register(city, by=by)


def _admit_city_of(application: MembershipApplication, *, by, note: str) -> City:
    """The application's city becomes a member through its own step: admitted, or re-admitted if it left."""
    city = _existing_city(application) or _new_city(application, by=by)
    reason = note or _("Membership application #%(number)s approved.") % {"number": application.pk}
    if city.membership_status == Membership.APPLICANT:
        return city_admit(city, by=by, note=reason)
    if city.membership_status == Membership.FORMER:
        return city_readmit(city, by=by, note=reason)
    raise Refused(
        _("%(city)s is already on the platform (%(state)s): reject this application, or reinstate the city.")
        % {"city": city.name, "state": city.get_membership_status_display().lower()},
        code="wrong_state",
    )


def _incomplete_checklist(missing: list[str]) -> Refused:
    return Refused(
        _(
            "The checklist is not complete; missing: %(items)s. Tick these items first, or give a reason to "
            "approve without them."
        )
        % {"items": "; ".join(missing)},
        code="checklist_incomplete",
    )


def application_approve(application: MembershipApplication, *, by, note: str = "", override: str = "") -> City:
    """Approve; the checklist must be complete unless OVERRIDE says why the city is admitted without it."""
    _require_staff(by)
    override = (override or "").strip()
    with transition(
        application, allowed_from=[Status.SUBMITTED], action="cities.application.approved", by=by, reason=note,
        **({"override": override} if override else {}),
    ) as locked:
        missing = locked.missing_checks
        if missing and not override:
            raise _incomplete_checklist(missing)
        city = _admit_city_of(locked, by=by, note=note)
        locked.city = city
        locked.status = Status.APPROVED
        locked.save(update_fields=["city", "status", *locked.record_decision(by=by, note=note)])
    send_templated_mail(
        "cities/emails/application_approved", {"application": locked, "city": city}, [locked.email]
    )
    return city


def application_reject(application: MembershipApplication, *, by, note: str) -> MembershipApplication:
    _require_staff(by)
    note = require_reason(note, _("Give the reason for the rejection: it is sent to the applicant."))
    with transition(
        application, allowed_from=[Status.SUBMITTED], action="cities.application.rejected", by=by, reason=note
    ) as locked:
        locked.status = Status.REJECTED
        locked.save(update_fields=["status", *locked.record_decision(by=by, note=note)])
    send_templated_mail("cities/emails/application_rejected", {"application": locked}, [locked.email])
    return locked
