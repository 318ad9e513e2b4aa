from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from accounts.refusals import not_allowed
from core.cache.pages import cached_page
from core.ical import ics_response
from core.uploads import attachment_response
from topics import ical, services
from topics.forms import ResourceForm
from topics.models import Meeting, Resource, Topic


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    if not permissions.can_post(request.user):
        return not_allowed(request, _("Only verified city officers can share resources."))
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        resource = form.save(commit=False)
        resource.topic = topic
        services.resource_share(resource, by=request.user)
        messages.success(request, _("Thank you for sharing “%(title)s”.") % {"title": resource.title})
        return redirect(topic)
    return render(request, "topics/resource_form.html", {"topic": topic, "form": form})


def resource_download(request, pk):
    resource = get_object_or_404(Resource.objects.readable_by(request.user), pk=pk, kind=Resource.Kind.FILE)
    return attachment_response(resource.file, title=resource.title, content_type=resource.content_type)


@cached_page(audience="rights", depends=["activity"])
def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting.objects.readable_by(request.user).select_related("topic"), pk=pk)
    url = request.build_absolute_uri(meeting.topic.get_absolute_url())
    text = ical.calendar([ical.event_lines(meeting, url=url)], name=meeting.topic.name)
    return ics_response(text, f"meeting-{meeting.pk}.ics")


@cached_page(audience="rights", depends=lambda request, slug: [f"topic:{slug}", "topics"])
def topic_calendar(request, slug):
    topic = get_object_or_404(Topic.objects.active(), slug=slug)
    url = request.build_absolute_uri(topic.get_absolute_url())
    meetings = Meeting.objects.readable_by(request.user).filter(topic=topic).order_by("starts_at")
    text = ical.calendar([ical.event_lines(meeting, url=url) for meeting in meetings], name=topic.name)
    return ics_response(text, f"{topic.slug}.ics")
