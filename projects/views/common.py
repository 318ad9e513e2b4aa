"""What the lists of projects, calls and partner requests share: a filtered page, or its results for htmx."""

from django.contrib import messages
from django.shortcuts import redirect

from core.paging import render_filtered
from core.workflow import Refused

PAGE_SIZE = 25


def render_list(request, filterset, *, template: str, results: str, **context):
    return render_filtered(request, filterset, page_size=PAGE_SIZE, template=template, results=results, **context)


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
