from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from cities.models import City
from core import security_log


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    cities = City.objects.members().search(query) if query else City.objects.none()
    cities = cities.only("slug", "name", "country", "region")
    page = Paginator(cities, 20).get_page(request.GET.get("page"))
    return render(request, "core/search.html", {"q": query, "cities": page, "query": urlencode({"q": query})})


def privacy(request):
    return render(request, "core/privacy.html")


def csrf_failure(request, reason=""):
    security_log.permission_denied(request, f"CSRF: {reason}")
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception=None):
    security_log.permission_denied(request, str(exception or ""))
    return render(request, "403.html", status=403)
