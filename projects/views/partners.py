from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts.refusals import not_allowed
from core.cache.pages import cached_page
from core.cache.store import remembered
from core.workflow import Refused, perform_and_tell
from projects import likeness
from projects.filters import listed_partner_requests
from projects.forms import CloseRequestForm, InterestForm, PartnerRequestForm
from projects.models import Call, PartnerRequest
from projects.services import partners as services
from projects.views.common import render_list, submitted


@cached_page(audience="rights", depends=["partners", "directory", "topics"])
def request_list(request):
    return render_list(
        request,
        listed_partner_requests(request.GET, request.user),
        template="projects/partners.html",
        results="projects/_partners.html",
    )


def _partner_request(request, pk) -> PartnerRequest:
    return get_object_or_404(PartnerRequest.objects.select_related("city", "call", "posted_by"), pk=pk)


def _members_only(request, partner_request):
    """A request for members, opened by someone who may not read it: a visitor (who followed a link from a mail,
    say) is asked to log in; anyone else is told why not. None when they may read it."""
    if permissions.can_see_partner_request(request.user, partner_request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return not_allowed(request, _("This partner request is for verified city officers."))


def _acting_on(request, pk, may, refused: str):
    """The partner request, and the answer to give instead when this person may not read it, or may not do what
    MAY(user, partner_request) allows (REFUSED says why)."""
    partner_request = _partner_request(request, pk)
    refusal = _members_only(request, partner_request)
    if refusal is None and not may(request.user, partner_request):
        refusal = not_allowed(request, refused)
    return partner_request, refusal


def _matches(partner_request, topics) -> list:
    """The cities that match the request best: the same for every reader, so remembered until the request, the
    directory or the projects (the cities' experience) change."""
    return remembered(
        f"partner-matches:{partner_request.pk}:{translation.get_language()}",
        lambda: likeness.cities_for_request(partner_request, topics=topics),
        depends=["partners", "directory", "projects", "topics"],
    )


def _detail(request, partner_request, *, interest_form=None, close_form=None, status=200):
    """The page; what differs from one reader to the next is the slot of projects.slots."""
    topics = list(partner_request.topics.all())
    context = {
        "partner_request": partner_request,
        "topics": topics,
        "matches": _matches(partner_request, topics),
        "interest_form": interest_form,
        "close_form": close_form,
    }
    return render(request, "projects/partner_request.html", context, status=status)


@cached_page(audience="rights", depends=["partners", "directory", "projects", "topics"])
def request_detail(request, pk):
    partner_request = _partner_request(request, pk)
    return _members_only(request, partner_request) or _detail(request, partner_request)


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request):
    if not permissions.can_request_partners(request.user):
        return not_allowed(request, _("Only verified city officers can look for partners."))
    call = Call.objects.published().still_open().filter(slug=request.GET.get("call", "")).first()
    form = PartnerRequestForm(request.POST or None, user=request.user, initial={"call": call})

    def perform():
        partner_request = form.instance
        partner_request.city = form.cleaned_data["city"]
        services.partner_request_post(partner_request, by=request.user, topics=form.cleaned_data["topics"])

    done = submitted(
        request, form, perform, to=lambda: form.instance,
        success=_("Your partner request is posted. Officers of other cities can now say they are interested."),
    )
    return done or render(request, "projects/partner_request_form.html", {"form": form})


@login_required
@require_POST
def interest_new(request, pk):
    partner_request, refusal = _acting_on(
        request, pk, permissions.can_express_interest,
        _("Only officers of other cities can answer, while the request is open."),
    )
    if refusal is not None:
        return refusal
    form = InterestForm(request.POST, user=request.user, partner_request=partner_request)
    if form.is_valid():
        try:
            services.interest_express(
                partner_request, by=request.user, city=form.cleaned_data["city"], message=form.cleaned_data["message"]
            )
        except Refused as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Thank you: the city that posted the request has been told."))
            return redirect(partner_request)
    return _detail(request, partner_request, interest_form=form, status=400)


def _close(request, pk, perform, success: str):
    partner_request, refusal = _acting_on(
        request, pk, permissions.can_close_partner_request,
        _("Only officers of the city that posted the request can close it."),
    )
    if refusal is not None:
        return refusal
    form = CloseRequestForm(request.POST)
    if not form.is_valid():
        return _detail(request, partner_request, close_form=form, status=400)
    # Refused when closed meanwhile, by a colleague or by its deadline: the message says so.
    note = form.cleaned_data["note"]
    perform_and_tell(request, lambda: perform(partner_request, by=request.user, note=note), success)
    return redirect(partner_request)


@login_required
@require_POST
def request_fill(request, pk):
    return _close(request, pk, services.partner_request_fill, _("The request is marked as filled. Congratulations!"))


@login_required
@require_POST
def request_withdraw(request, pk):
    return _close(request, pk, services.partner_request_withdraw, _("The request is withdrawn."))

