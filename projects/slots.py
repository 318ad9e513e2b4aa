"""The per-person part of a partner request's cached page (core.cache.pages): who answered (for the request's
city and staff), what this reader's cities said, and the forms this reader may use. The rest of the page, the
same for everyone who may read it, is cached once per audience; the answers are remembered until a request or
an answer changes, or a name shown with them."""

from django.template.loader import render_to_string

from accounts import permissions
from core.cache.pages import CSRF_SLOT, register_slot
from core.cache.store import remembered
from projects.forms import CloseRequestForm, InterestForm

ANSWER_FIELDS = (
    "request_id", "city_id", "officer_id", "message", "created_at", "city__name", "city__slug", "city__country",
    "officer__full_name", "officer__email",
)


def answers(partner_request) -> list:
    """Every city's answer to PARTNER_REQUEST, oldest first."""

    def compute():
        rows = partner_request.interests.select_related("city", "officer").only(*ANSWER_FIELDS)
        return list(rows.order_by("created_at"))

    return remembered(f"partner-answers:{partner_request.pk}", compute, depends=["partners", "people", "directory"])


def _capture(partner_request, context) -> dict:
    """The request itself (as the page shows it); and, when a form sent with mistakes is shown again (a page that
    is never cached), the forms as sent."""
    forms = {name: context[name] for name in ("interest_form", "close_form") if context.get(name) is not None}
    return {"request": partner_request, "forms": forms}


def _fill(request, data) -> str:
    context = reader_context(request.user, data["request"], **data["forms"])
    return render_to_string("projects/_partner_request_person.html", context | {"csrf_token": CSRF_SLOT})


def reader_context(user, partner_request, *, interest_form=None, close_form=None) -> dict:
    context = {"partner_request": partner_request, "interest_form": interest_form}
    cities = permissions.officer_city_ids(user)
    answered = answers(partner_request) if user.is_authenticated else []
    if permissions.can_see_interests(user, partner_request):
        context["interests"] = answered
    else:
        answered = [answer for answer in answered if answer.officer_id == user.pk or answer.city_id in cities]
        context["own_interests"] = [answer for answer in answered if answer.officer_id == user.pk]
    unanswered = cities - {answer.city_id for answer in answered} - {partner_request.city_id}
    if interest_form is None and unanswered and permissions.can_express_interest(user, partner_request):
        context["interest_form"] = InterestForm(user=user, partner_request=partner_request)
    if permissions.can_close_partner_request(user, partner_request):
        context["close_form"] = close_form or CloseRequestForm()
    return context


def register() -> None:
    register_slot("partner-request-person", capture=_capture, fill=_fill)
