from django.core.paginator import Paginator
from django.shortcuts import render

from cities.models import City
from core import extensions
from core.cache.pages import cached_page
from core.models import SiteContact
from core.paging import CountedWithFirstPage
from topics import search as topic_search
from topics.models import Topic

SEARCH_PAGE_SIZE = 10


@cached_page(audience="frame", depends=["directory", "topics", "contact"])
def home(request):
    members = City.objects.members()
    context = {
        "topics": Topic.objects.active(),
        "contact": SiteContact.current(),
        "member_count": members.count(),
        "country_count": members.values("country").distinct().count(),
        "chair": members.filter(platform_role=City.PlatformRole.CHAIR).only("slug", "name", "country").first(),
    }
    return render(request, "portal/home.html", context)


SEARCHED = ["directory", "activity", "wall", "topics", "people", "projects", "calls", "partners"]


@cached_page(audience="rights", depends=SEARCHED)
def search(request):
    """One search over the portal, results grouped by kind (core.extensions.search_sources), each kind paginated
    by its own parameter. Every kind returns only what the searcher may see; its first page and its count are
    one query."""
    # Control characters (a NUL byte, say) mean nothing in a search and PostgreSQL refuses them.
    query = "".join(char for char in request.GET.get("q", "") if char.isprintable()).strip()[:200]
    groups = []
    if query:
        for source in extensions.search_sources:
            results = CountedWithFirstPage(source.results(query, request.user), SEARCH_PAGE_SIZE)
            page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get(f"{source.name}_page"))
            for item in page.object_list:
                item.snippet = source.snippet(item, query)
            groups.append(
                {
                    "kind": source.name,
                    "heading": source.heading(page.paginator.count),
                    "template": source.template,
                    "page": page,
                    **_page_links(request, f"{source.name}_page", page),
                }
            )
    return render(request, "portal/search.html", {"q": query, "groups": groups, "limit": topic_search.MAX_MATCHES})


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


@cached_page(audience="frame")
def privacy(request):
    return render(request, "portal/privacy.html")
