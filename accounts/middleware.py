from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import permissions


class StaffMFAMiddleware:
    """Staff reach the admin only with a second factor: without one they are sent to set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("admin:index")) and permissions.must_set_up_mfa_for_admin(request.user):
            messages.warning(
                request, _("Staff must set up two-factor authentication before using the admin.")
            )
            return redirect("mfa_index")
        return self.get_response(request)
