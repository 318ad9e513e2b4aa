import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import patch_cache_control

logger = logging.getLogger("smcportal.database")


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header, which Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def _note_database_unavailable(sender, request=None, **kwargs):
    """An uncaught connection error anywhere below DatabaseUnavailableMiddleware (another middleware, a session
    save) is turned into a 500 response before the middleware sees it: remember that it was one."""
    if request is not None and isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        request.database_unavailable = True


got_request_exception.connect(_note_database_unavailable, dispatch_uid="core.middleware.database_unavailable")


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, a connection error becomes a quick 503 page, not a 500.

    Only connection-level errors (OperationalError, InterfaceError) are turned into 503; a programming or
    integrity error is still a bug and still a 500. A view's error is caught in process_exception; one raised
    by a middleware below this one (e.g. loading or saving the session) was already turned into a 500, which
    is replaced. Retry-After tells clients and proxies when to come back.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "database_unavailable", False):
            return self.unavailable(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return self.unavailable(request, exception)

    def unavailable(self, request, exception=None):
        logger.warning(
            "Database unavailable, answering 503 to %s %s: %s", request.method, request.path, exception or ""
        )
        # No database access here (no context processors, no session): the page must render without it.
        # The broken connection is closed by Django's request_finished handler (close_old_connections).
        response = HttpResponse(
            loader.get_template("503.html").render({}, None), status=503, content_type="text/html; charset=utf-8"
        )
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        patch_cache_control(response, no_store=True)
        return response
