from django.shortcuts import render


def not_allowed(request, message: str, *, status: int = 403):
    """The one page for "you may not do this": it says why, and what the person can do to be allowed
    (log in, confirm their email, ask to act for a city), from their rights (`can`)."""
    return render(request, "accounts/not_allowed.html", {"message": message}, status=status)
