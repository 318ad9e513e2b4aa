"""What the lists of projects, calls and partner requests share: a filtered page, or its results for htmx."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.workflow import Refused

PAGE_SIZE = 25


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def render_list(request, filterset, *, template: str, results: str, **context):
    """The whole page, or for htmx the same results partial the page includes."""
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filter": filterset, "page": page, "query": query_without_page(request), **context}
    return render(request, results if request.htmx and not request.htmx.boosted else template, context)


def download(content: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def submitted(request, form, perform, *, success: str, to):
    """Run PERFORM() once FORM is valid; a refusal shows on the form (at its field when it names one). Returns
    the redirect to TO on success, None to show the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        perform()
    except Refused as refusal:
        form.add_error(None, refusal)
        return None
    messages.success(request, success)
    return redirect(to() if callable(to) else to)
