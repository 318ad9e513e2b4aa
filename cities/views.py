from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cities import mapping
from cities.exports import cities_csv, cities_geojson
from cities.filters import member_cities
from cities.forms import MembershipApplicationForm
from cities.models import City
from cities.services import application_submit
from core import extensions
from core.cache.pages import cached_page
from core.ratelimit import allow


@cached_page(audience="frame", depends=["directory", "topics"])
def directory(request):
    filterset = member_cities(request.GET)
    page = Paginator(
        filterset.qs.only("slug", "name", "country", "region", "population", "sump_status", "platform_role"),
        settings.DIRECTORY_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "query": _query_without_page(request)}
    template = "cities/_results.html" if request.htmx and not request.htmx.boosted else "cities/directory.html"
    return render(request, template, context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@cached_page(audience="frame", depends=lambda request, slug: [f"city:{slug}", "topics", "people"])
def profile(request, slug):
    city = get_object_or_404(
        City.objects.exclude(membership_status=City.Membership.APPLICANT).prefetch_related("topics"), slug=slug
    )
    marker = mapping.project(city.longitude, city.latitude) if city.has_coordinates else None
    return render(
        request,
        "cities/profile.html",
        {
            "city": city,
            "marker": marker,
            "viewbox": mapping.VIEWBOX,
            "sections": _profile_sections(city, request.user),
        },
    )


def _profile_sections(city, user) -> list[dict]:
    """What other apps add to the profile (core.extensions.profile_sections); a section without data is left out."""
    sections = (
        {"template": entry.template, "data": entry.context(city, user)} for entry in extensions.profile_sections
    )
    return [section for section in sections if section["data"] is not None]


@cached_page(audience="frame", depends=["directory", "topics"])
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
            "query": _query_without_page(request),
        },
    )


@cached_page(audience="public", depends=["directory", "topics"])
def export_csv(request):
    response = HttpResponse(cities_csv(member_cities(request.GET).qs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="smc-member-cities.csv"'
    return response


@cached_page(audience="public", depends=["directory", "topics"])
def export_geojson(request):
    response = HttpResponse(
        cities_geojson(member_cities(request.GET).qs), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="smc-member-cities.geojson"'
    return response


@require_http_methods(["GET", "POST"])
def join(request):
    form = MembershipApplicationForm(request.POST or None)
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
