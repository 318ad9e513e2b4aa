"""The portal's pages that know no domain: health, robots, favicon, language, error pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from core import security_log
from core.languages import QUERY_PARAMETER, remember_language, requested_language, without_language


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
    """The benchmark's floor: a trivial view through the same middleware and server."""
    return HttpResponse("floor\n", content_type="text/plain")


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /accounts/", "Disallow: /profile/", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def csrf_failure(request, reason=""):
    security_log.permission_denied(request, f"CSRF: {reason}")
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception=None):
    security_log.permission_denied(request, str(exception or ""))
    return render(request, "403.html", status=403)


def switch_language(request):
    """The language chooser, a GET form so that pages carry no form token: remember the language and go back to
    the page, without any ?lang= that would choose another."""
    next_url = without_language(request.GET.get("next", "/"))
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    code = requested_language(request.GET.get(QUERY_PARAMETER))
    if code is not None:
        remember_language(response, code)
    return response
