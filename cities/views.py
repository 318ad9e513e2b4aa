from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import permissions
from accounts.refusals import not_allowed
from cities import mapping
from cities.exports import cities_csv, cities_geojson
from cities.filters import member_cities
from cities.forms import MembershipApplicationForm, PlanForm
from cities.likeness import cities_like
from cities.models import City, MembershipApplication
from cities.plans import plan_update
from cities.services import application_submit
from core import extensions
from core.cache.pages import cached_page
from core.downloads import download
from core.paging import query_without_page, render_filtered
from core.ratelimit import allow
from core.uploads import attachment_response
from core.workflow import Refused


def _directory_versions(request) -> list[str]:
    """What the directory, its map and its exports show; "revision due within a year" counts from today."""
    return ["directory", "topics", f"day:{timezone.localdate().isoformat()}"]


DIRECTORY_COLUMNS = [
    "slug", "name", "country", "region", "population", "sump_status", "sump_revision_due", "platform_role",
    "membership_status",
]


@cached_page(audience="frame", depends=_directory_versions)
def directory(request):
    filterset = member_cities(request.GET)
    return render_filtered(
        request, filterset, rows=filterset.qs.only(*DIRECTORY_COLUMNS), page_size=settings.DIRECTORY_PAGE_SIZE,
        template="cities/directory.html", results="cities/_results.html",
    )


# "cities": the profile lists the member cities most like it, so any city's change is its change.
@cached_page(audience="frame", depends=lambda request, slug: [f"city:{slug}", "topics", "people", "cities", "projects"])
def profile(request, slug):
    city = get_object_or_404(City.objects.listed().prefetch_related("topics"), slug=slug)
    marker = mapping.project(city.longitude, city.latitude) if city.has_coordinates else None
    return render(
        request,
        "cities/profile.html",
        {
            "city": city,
            "marker": marker,
            "viewbox": mapping.VIEWBOX,
            "sections": _profile_sections(city, request.user),
            "alike": cities_like(city),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, slug):
    city = get_object_or_404(City.objects.listed(), slug=slug)
    if not permissions.can_update_city_plan(request.user, city):
        return not_allowed(request, _("Only the city's verified officers update its mobility plan."))
    form = PlanForm(request.POST or None, city=city)
    if request.method == "POST" and form.is_valid():
        try:
            plan_update(city, by=request.user, values=form.cleaned_data, today=timezone.localdate())
        except Refused as refusal:
            if getattr(refusal, "code", None) != "unchanged":
                form.add_error(None, refusal)
            else:
                messages.info(request, refusal.messages[0])
                return redirect(city)
        else:
            messages.success(request, _("The mobility plan of %(city)s is updated.") % {"city": city.name})
            return redirect(city)
    return render(request, "cities/plan_form.html", {"city": city, "form": form})


def _profile_sections(city, user) -> list[dict]:
    """What other apps add to the profile (core.extensions.profile_sections); a section without data is left out."""
    sections = (
        {"template": entry.template, "data": entry.context(city, user)} for entry in extensions.profile_sections
    )
    return [section for section in sections if section["data"] is not None]


@cached_page(audience="frame", depends=_directory_versions)
def city_map(request):
    filterset = member_cities(request.GET)
    cities = filterset.qs.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "slug", "name", "country", "latitude", "longitude"
    )
    return render(
        request,
        "cities/map.html",
        {
            "filter": filterset,
            "markers": mapping.markers_and_list(cities),
            "viewbox": mapping.VIEWBOX,
            "query": query_without_page(request),
        },
    )


@cached_page(audience="public", depends=_directory_versions)
def export_csv(request):
    rows = member_cities(request.GET).qs
    return download(cities_csv(rows), content_type="text/csv", filename="smc-member-cities.csv")


@cached_page(audience="public", depends=_directory_versions)
def export_geojson(request):
    return download(
        cities_geojson(member_cities(request.GET).qs), content_type="application/geo+json",
        filename="smc-member-cities.geojson",
    )


@require_http_methods(["GET", "POST"])
def join(request):
    form = MembershipApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot():
            # Say nothing a bot could learn from; store nothing.
            return redirect("cities:join-thanks")
        if not allow(request, "join"):
            messages.error(request, _("Too many applications were sent from your network. Please try again later."))
            return render(request, "cities/join.html", {"form": form}, status=429)
        application_submit(form.save(commit=False), staff_emails=settings.STAFF_NOTIFICATION_EMAILS)
        return redirect("cities:join-thanks")
    return render(request, "cities/join.html", {"form": form})


def join_thanks(request):
    return render(request, "cities/join_thanks.html")


@login_required
def application_document(request, pk):
    """The council decision or letter an applicant sent: for the staff's workplace only, never a public file."""
    if not permissions.can_read_application_documents(request.user):
        return not_allowed(request, _("Only staff read the documents sent with membership applications."))
    application = get_object_or_404(MembershipApplication.objects.exclude(decision_document=""), pk=pk)
    title = _("decision of %(city)s") % {"city": application.city_name}
    return attachment_response(
        application.decision_document, title=title, content_type=application.decision_document_type
    )
