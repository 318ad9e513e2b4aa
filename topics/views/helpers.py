from django.shortcuts import render

from accounts.permissions import capabilities


def forbidden(request, message: str):
    """A clear page, not a bare 403, that says what the visitor lacks."""
    return render(
        request, "topics/forbidden.html", {"message": message, "can": capabilities(request.user)}, status=403
    )


def int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None
