"""Partner search's workflows: the only code that changes a partner request's status.

open --(its city's officers, or staff)--> filled | withdrawn;  open --(its deadline passed, daily job)--> closed

A verified officer posts a request for their city; officers of other cities say theirs is interested, once per
city, while it is open and before its deadline; the request's city is told at once. Each step writes one audit
entry; mail leaves after the commit.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import permissions
from core.mail import send_templated_mail
from core.models import log_action
from core.workflow import Refused, lock, require, transition
from projects.models import Interest, PartnerRequest, RequestStatus


def _absolute(obj) -> str:
    return settings.SITE_URL.rstrip("/") + obj.get_absolute_url()


def deadline_refusal(*, deadline: datetime.date | None, call, today: datetime.date) -> Refused | None:
    """A request's deadline is not past, and not after the deadline of the call it is for."""
    if deadline is None:
        return None
    if deadline < today:
        return Refused({"deadline": _("This date has passed: give a date from today on.")})
    if call is not None and deadline > call.deadline:
        message = _("The call's deadline is %(date)s: partners must be found by then.") % {
            "date": date_format(call.deadline)
        }
        return Refused({"deadline": message})
    return None


def partner_request_post(partner_request: PartnerRequest, *, by, topics=()) -> PartnerRequest:
    """An officer looks for partners for their city. Without a deadline of its own, the call's is taken."""
    require(permissions.can_request_partners(by), _("Only verified city officers can look for partners."))
    if partner_request.city_id not in permissions.officer_city_ids(by):
        raise Refused({"city": _("Choose a city you are a verified officer of.")})
    call = partner_request.call
    if call is not None:
        require(call.is_published, _("Choose a published call."))
        partner_request.programme = call.programme
        partner_request.deadline = partner_request.deadline or call.deadline
    if partner_request.deadline is None:
        raise Refused({"deadline": _("Give the date by which partners should answer.")})
    refusal = deadline_refusal(deadline=partner_request.deadline, call=call, today=timezone.localdate())
    if refusal is not None:
        raise refusal
    partner_request.posted_by, partner_request.status = by, RequestStatus.OPEN
    with transaction.atomic():
        partner_request.save()
        partner_request.topics.set(topics)
        log_action(partner_request, "projects.partner_request.posted", actor=by, to_state=RequestStatus.OPEN)
    return partner_request


def interest_refusal(partner_request: PartnerRequest, *, user, city, today: datetime.date) -> Refused | None:
    """Why CITY may not say it is interested now, or None: for the form and the workflow alike."""
    if not permissions.is_verified_officer(user) or not permissions.can_see_partner_request(user, partner_request):
        return Refused(_("Only verified city officers can answer partner requests."), code="forbidden")
    if not partner_request.takes_interest_on(today):
        return Refused(_("This request no longer takes answers."), code="wrong_state")
    if city is None or city.pk not in permissions.officer_city_ids(user):
        return Refused({"city": _("Choose a city you are a verified officer of.")})
    if city.pk == partner_request.city_id:
        return Refused({"city": _("This is your own city's request: another city must answer it.")})
    if Interest.objects.filter(request=partner_request, city=city).exists():
        return _already(city)
    return None


def _already(city) -> Refused:
    return Refused({"city": _("%(city)s has already said it is interested.") % {"city": city}}, code="duplicate")


def interest_express(partner_request: PartnerRequest, *, by, city, message: str) -> Interest:
    with transaction.atomic():
        locked = lock(partner_request, related=["posted_by", "city"])  # a request being closed waits for this
        refusal = interest_refusal(locked, user=by, city=city, today=timezone.localdate())
        if refusal is not None:
            raise refusal
        try:
            with transaction.atomic():
                interest = Interest.objects.create(
                    request=locked, city=city, request_city_id=locked.city_id, officer=by, message=message
                )
        except IntegrityError:  # the same city answered from two browsers at once
            raise _already(city) from None
        log_action(locked, "projects.partner_request.interest", actor=by, city=city.pk, interest=interest.pk)
    if locked.posted_by_id and locked.posted_by.email:
        send_templated_mail(
            "projects/emails/interest",
            {"request": locked, "interest": interest, "url": _absolute(locked)},
            [locked.posted_by.email],
        )
    return interest


def _close(partner_request: PartnerRequest, *, to: str, by, note: str) -> PartnerRequest:
    with transition(
        partner_request, allowed_from=[RequestStatus.OPEN], action=f"projects.partner_request.{to}", by=by,
        reason=note,
    ) as locked:
        locked.status, locked.closed_at = to, timezone.now()
        locked.save(update_fields=["status", "closed_at"])
    answered = Interest.objects.filter(request=locked, officer__isnull=False).select_related("officer", "city")
    for interest in answered:
        send_templated_mail(
            "projects/emails/request_closed",
            {"request": locked, "city": interest.city, "url": _absolute(locked), "note": note},
            [interest.officer.email],
        )
    return locked


def partner_request_fill(partner_request: PartnerRequest, *, by, note: str = "") -> PartnerRequest:
    """The partners have been found."""
    require(
        permissions.can_close_partner_request(by, partner_request),
        _("Only officers of the city that posted the request, or staff, can close it."),
    )
    return _close(partner_request, to=RequestStatus.FILLED, by=by, note=note)


def partner_request_withdraw(partner_request: PartnerRequest, *, by, note: str = "") -> PartnerRequest:
    """The city no longer looks for partners."""
    require(
        permissions.can_close_partner_request(by, partner_request),
        _("Only officers of the city that posted the request, or staff, can close it."),
    )
    return _close(partner_request, to=RequestStatus.WITHDRAWN, by=by, note=note)


def close_expired_partner_requests(*, today: datetime.date) -> int:
    """Close every open request whose deadline has passed; run daily. A second run closes nothing more."""
    closed = 0
    expired = PartnerRequest.objects.filter(status=RequestStatus.OPEN, deadline__lt=today)
    for partner_request in expired.only("pk", "status").order_by("pk"):
        try:
            _close(partner_request, to=RequestStatus.CLOSED, by=None, note=_("The deadline has passed."))
        except Refused:  # filled or withdrawn meanwhile
            continue
        closed += 1
    return closed
