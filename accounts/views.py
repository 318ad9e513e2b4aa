from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def profile(request):
    affiliations = request.user.affiliations.select_related("city").order_by("-created_at")
    return render(request, "accounts/profile.html", {"affiliations": affiliations})
