from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions, services
from accounts.forms import AccountDeleteForm, AffiliationRequestForm, MailLanguageForm
from accounts.models import Affiliation
from accounts.refusals import not_allowed
from core import extensions
from core.cache.pages import cached_page
from core.workflow import Refused, perform_and_tell


@login_required
@cached_page(audience="person", depends=lambda request: [f"user:{request.user.pk}"])
def profile(request):
    affiliations = request.user.affiliations.select_related("city").order_by("-created_at")
    return render(
        request,
        "accounts/profile.html",
        {
            "affiliations": affiliations,
            "can_request_affiliation": permissions.can_request_affiliation(request.user),
            "can_delete_account": permissions.can_delete_account(request.user),
            "language_form": MailLanguageForm(instance=request.user),
        },
    )


@login_required
@require_POST
def mail_language(request):
    form = MailLanguageForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("The portal will write to you in the language you chose."))
    else:
        messages.error(request, _("Choose one of the languages in the list."))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def affiliation_request(request):
    if not permissions.can_request_affiliation(request.user):
        return not_allowed(request, _("Confirm your email address first: then you can ask to act for a member city."))
    form = AffiliationRequestForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = ["city", "role", "job_title", "note", "listed_publicly", "full_name"]
        try:
            services.affiliation_request(
                user=request.user, **{name: form.cleaned_data[name] for name in fields}
            )
        except Refused as refusal:
            form.add_error("city" if refusal.code == "duplicate" else None, refusal)
        else:
            messages.success(request, _("Thank you: the staff will check your request and write to you."))
            return redirect("accounts:profile")
    return render(request, "accounts/affiliation_request.html", {"form": form})


@login_required
@require_POST
def affiliation_withdraw(request, pk):
    affiliation = get_object_or_404(Affiliation, pk=pk, user=request.user)
    done = _("Withdrawn: %(role)s for %(city)s.") % {
        "city": affiliation.city.name,
        "role": affiliation.get_role_display(),
    }
    perform_and_tell(request, lambda: services.affiliation_withdraw(affiliation, by=request.user), done)
    return redirect("accounts:profile")


@never_cache
@login_required
def data_export(request):
    response = JsonResponse(
        {"exported_at": timezone.now(), **extensions.personal_data.collect(request.user)},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="smc-portal-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    if not permissions.can_delete_account(request.user):
        return not_allowed(request, _("Staff accounts are closed by another staff member in the admin, not here."))
    return _account_delete_after_reauthentication(request)


@reauthentication_required
def _account_delete_after_reauthentication(request):
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.account_delete(request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data were deleted. Goodbye."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})
