from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts.refusals import not_allowed
from core.cache.pages import cached_page
from core.downloads import download
from core.ical import ics_response
from projects import exports, ical
from projects.filters import listed_calls
from projects.forms import CallForm
from projects.models import Call, Follow, Programme
from projects.services import calls as services
from projects.views.common import render_list, submitted


@cached_page(audience="frame", depends=["calls", "topics"])
def call_list(request):
    calls = listed_calls(request.GET)
    return render_list(request, calls, template="projects/calls.html", results="projects/_calls.html")


@cached_page(audience="public", depends=["calls", "topics"])
def export_csv(request):
    return download(exports.calls_csv(listed_calls(request.GET).qs), content_type="text/csv", filename="smc-calls.csv")


def _call(request, slug) -> Call:
    return get_object_or_404(Call.objects.visible_to(request.user), slug=slug)


@cached_page(audience="visitors", depends=["calls", "topics"])
def call_detail(request, slug):
    call = _call(request, slug)
    user = request.user
    follows = Follow.objects.filter(user=user) if user.is_authenticated else Follow.objects.none()
    followed = {(f.call_id, f.programme) for f in follows.filter(call=call) | follows.filter(programme=call.programme)}
    context = {
        "call": call,
        "topics": call.topics.filter(is_active=True),
        "following_call": (call.pk, "") in followed,
        "following_programme": (None, call.programme) in followed,
        "requests": call.partner_requests.visible_to(user).taking_interest().select_related("city")[:10],
    }
    return render(request, "projects/call.html", context)


@cached_page(audience="public", depends=["calls"])
def call_ics(request, slug):
    call = get_object_or_404(Call.objects.published(), slug=slug)
    url = request.build_absolute_uri(call.get_absolute_url())
    text = ical.calendar(ical.deadline_events(call, url=url), name=f"{call.identifier}: {call.title}")
    return ics_response(text, f"{call.slug}.ics")


@cached_page(audience="public", depends=["calls"])
def open_calls_calendar(request):
    """Every deadline of the calls still open, as a calendar to subscribe to."""
    calls = Call.objects.published().still_open().order_by("deadline", "pk")
    events = [
        event
        for call in calls
        for event in ical.deadline_events(call, url=request.build_absolute_uri(call.get_absolute_url()))
    ]
    return ics_response(ical.calendar(events, name=_("SMC Portal: open funding calls")), "smc-open-calls.ics")


@login_required
@require_http_methods(["GET", "POST"])
def call_new(request):
    if not permissions.can_record_call(request.user):
        return not_allowed(request, _("Only verified city officers and staff can record funding calls."))
    form = CallForm(request.POST or None)
    staff = permissions.can_moderate(request.user)
    success = _("The call is published.") if staff else _("Thank you. Staff check the call before it is published.")

    def perform():
        services.call_record(form.instance, by=request.user, topics=form.cleaned_data["topics"])

    done = submitted(request, form, perform, to=lambda: form.instance, success=success)
    return done or render(request, "projects/call_form.html", {"form": form})


def _follow_response(request, *, following: bool, target: str, action: str, back):
    if request.htmx:  # the new button says it; a message would show up on some later page
        return render(
            request,
            "includes/follow_button.html",
            {"following": following, "target": target, "action": action, "next": request.POST.get("next", "")},
        )
    if following:
        messages.success(request, _("You follow “%(name)s” now: you will be reminded of its deadlines.") % {
            "name": target
        })
    else:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": target})
    return redirect(back)


@login_required
@require_POST
def call_follow(request, slug):
    call = get_object_or_404(Call.objects.published(), slug=slug)
    if not permissions.can_follow_calls(request.user):
        return not_allowed(request, _("Confirm your email address to follow calls."))
    following = request.POST.get("follow") == "1"
    (services.follow if following else services.unfollow)(request.user, call=call)
    return _follow_response(request, following=following, target=call.identifier, action=request.path, back=call)


@login_required
@require_POST
def programme_follow(request, programme):
    if programme not in Programme.values:
        raise Http404
    if not permissions.can_follow_calls(request.user):
        return not_allowed(request, _("Confirm your email address to follow calls."))
    following = request.POST.get("follow") == "1"
    (services.follow if following else services.unfollow)(request.user, programme=programme)
    back = request.POST.get("next", "")
    back = back if back.startswith("/calls/") else "projects:following"
    label = Programme(programme).label
    return _follow_response(request, following=following, target=label, action=request.path, back=back)


@login_required
def following(request):
    follows = Follow.objects.filter(user=request.user).select_related("call").order_by("programme", "call__deadline")
    return render(request, "projects/following.html", {"follows": follows})
