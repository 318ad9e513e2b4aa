from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from accounts.permissions import frame_audience
from cities.models import City
from core.models import SiteContact
from core.page_cache import cache_per_audience
from topics.models import Topic


@cache_per_audience(frame_audience)
def home(request):
    members = City.objects.members()
    context = {
        "topics": Topic.objects.active(),
        "contact": SiteContact.current(),
        "member_count": members.count(),
        "country_count": members.values("country").distinct().count(),
        "chair": members.filter(platform_role=City.PlatformRole.CHAIR).only("slug", "name", "country").first(),
    }
    return render(request, "home.html", context)


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page links to.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def floor(request):
    return HttpResponse("floor\n", content_type="text/plain")


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", "Disallow: /profile/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
