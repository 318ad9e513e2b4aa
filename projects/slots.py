"""The per-person part of a partner request's cached page (core.cache.pages): who answered (for the request's
city and staff), what this reader's cities said, and the forms this reader may use. The rest of the page, the
same for everyone who may read it, is cached once per audience."""

from django.db.models import Q
from django.template.loader import render_to_string

from accounts import permissions
from core.cache.pages import CSRF_SLOT, register_slot
from projects.forms import CloseRequestForm, InterestForm
from projects.models import PartnerRequest


def _capture(partner_request, context) -> dict:
    """The request's id; and, when a form sent with mistakes is shown again (never cached), the forms as sent."""
    forms = {name: context[name] for name in ("interest_form", "close_form") if context.get(name) is not None}
    return {"pk": partner_request.pk, "forms": forms}


def _fill(request, data) -> str:
    partner_request = PartnerRequest.objects.select_related("city").get(pk=data["pk"])
    context = reader_context(request.user, partner_request, **data["forms"])
    return render_to_string("projects/_partner_request_person.html", context | {"csrf_token": CSRF_SLOT})


def reader_context(user, partner_request, *, interest_form=None, close_form=None) -> dict:
    context = {"partner_request": partner_request, "interest_form": interest_form}
    cities = permissions.officer_city_ids(user)
    if permissions.can_see_interests(user, partner_request):
        answered = list(partner_request.interests.select_related("city", "officer").order_by("created_at"))
        context["interests"] = answered
    elif user.is_authenticated:  # one query for what this person said and which of their cities answered
        answered = list(partner_request.interests.filter(Q(officer=user) | Q(city__in=cities)).select_related("city"))
        context["own_interests"] = [interest for interest in answered if interest.officer_id == user.pk]
    else:
        answered = []
    unanswered = cities - {interest.city_id for interest in answered} - {partner_request.city_id}
    if interest_form is None and unanswered and permissions.can_express_interest(user, partner_request):
        context["interest_form"] = InterestForm(user=user, partner_request=partner_request)
    if permissions.can_close_partner_request(user, partner_request):
        context["close_form"] = close_form or CloseRequestForm()
    return context


def register() -> None:
    register_slot("partner-request-person", capture=_capture, fill=_fill)
