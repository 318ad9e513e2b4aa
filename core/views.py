from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.permissions import frame_audience, rights_audience
from ambassadors.models import Signature
from cities.models import City
from core import security_log
from core.languages import QUERY_PARAMETER, remember_language, requested_language, without_language
from core.page_cache import cache_per_audience
from topics import search as topic_search

SEARCH_PAGE_SIZE = 10


@cache_per_audience(rights_audience)
def search(request):
    """One search over the portal, results grouped by kind, each kind paginated by its own parameter.

    Every kind filters through its visible_to(user), so nothing hidden or members-only leaks.
    """
    # Control characters (a NUL byte, say) mean nothing in a search and PostgreSQL refuses them.
    query = "".join(char for char in request.GET.get("q", "") if char.isprintable()).strip()[:200]
    user = request.user
    groups = []
    if query:
        kinds = [
            ("cities", City.objects.members().search(query).only("slug", "name", "country", "region")),
            ("threads", topic_search.search_threads(query, user)),
            ("posts", topic_search.search_posts(query, user)),
            ("resources", topic_search.search_resources(query, user)),
            (
                "ambassadors",
                Signature.objects.on_wall().search(query).select_related("city").order_by("-verified_at", "pk"),
            ),
        ]
        for kind, results in kinds:
            page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get(f"{kind}_page"))
            for item in page.object_list:
                item.snippet = _snippet(kind, item, query)
            groups.append({"kind": kind, "page": page, **_page_links(request, f"{kind}_page", page)})
    return render(request, "core/search.html", {"q": query, "groups": groups, "limit": topic_search.MAX_MATCHES})


def _page_links(request, param: str, page) -> dict:
    """Links to this kind's previous and next pages that keep the other kinds' pages."""
    links = {}
    for name, number in (
        ("previous_query", page.has_previous() and page.number - 1),
        ("next_query", page.has_next() and page.number + 1),
    ):
        if number:
            query = request.GET.copy()
            query[param] = str(number)
            links[name] = query.urlencode()
    return links


def _snippet(kind: str, item, query: str):
    if kind == "threads":
        return topic_search.highlight(item.title, query)
    if kind == "posts":
        return topic_search.highlight(item.body, query)
    if kind == "resources":
        return topic_search.highlight(f"{item.title}. {item.description}", query)
    if kind == "ambassadors":
        return topic_search.highlight(item.public_name, query)
    return topic_search.highlight(item.name, query)


@cache_per_audience(frame_audience)
def privacy(request):
    return render(request, "core/privacy.html")


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
