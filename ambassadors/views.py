from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_countries.fields import Country

from accounts import permissions
from accounts.refusals import not_allowed
from ambassadors.filters import wall_signatures
from ambassadors.forms import ReconfirmationForm, SignatureForm, VerifyCodeForm
from ambassadors.models import BINDING_LANGUAGE, Declaration, Signature, normalise_code
from ambassadors.services import (
    RECONFIRMATION_MAX_AGE_DAYS,
    ConfirmationLinkError,
    reconfirmation_answer,
    reconfirmation_from_token,
    reconfirmation_refusal,
    signature_confirm,
    signature_from_token,
    signature_resend_confirmation,
    signature_submit,
    signature_withdraw,
    signing_refusal,
)
from core.cache.pages import cached_page
from core.ratelimit import allow
from core.workflow import Refused, perform_and_tell

WALL_PAGE_SIZE = 30


@cached_page(audience="frame", depends=["wall", "directory"])
def wall(request):
    filterset = wall_signatures(request.GET)
    signatures = filterset.qs
    page = Paginator(signatures, WALL_PAGE_SIZE).get_page(request.GET.get("page"))
    per_country = [
        {"country": Country(row["city__country"]), "count": row["count"]}
        for row in signatures.order_by().values("city__country").annotate(count=Count("pk")).order_by("-count")
    ]
    query = request.GET.copy()
    query.pop("page", None)
    counts = Signature.objects.on_wall().term_counts()
    return render(
        request,
        "ambassadors/wall.html",
        {"filter": filterset, "page": page, "per_country": per_country, "counts": counts, "query": query.urlencode()},
    )


def _current_declaration() -> Declaration | None:
    return Declaration.objects.prefetch_related("translations").current()


def _reader_translation(declaration: Declaration):
    language = translation.get_language() or BINDING_LANGUAGE
    generic = language.split("-")[0]
    if generic == BINDING_LANGUAGE:
        return None
    # A translation is stored under the portal's code of its language ("pt-pt"), or under the language alone.
    return declaration.translation_for(language) or declaration.translation_for(generic)


@cached_page(audience="rights", depends=["declaration"])
def declaration(request):
    current = _current_declaration()
    if current is None:
        return render(request, "ambassadors/declaration.html", {"declaration": None})
    reader_translation = _reader_translation(current)
    return render(
        request,
        "ambassadors/declaration.html",
        {
            "declaration": current,
            "reader_translation": reader_translation,
            "other_translations": [t for t in current.translations.all() if t != reader_translation],
            "signatory_count": current.signatures.verified().count(),
            "step": permissions.signing_step(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request):
    current = _current_declaration()
    if current is None:
        raise Http404
    refusal = signing_refusal(request.user, current)
    if refusal is not None and refusal.code == "already_signed":
        messages.info(request, refusal.messages[0])
        return redirect("ambassadors:my-signatures")
    if refusal is not None:
        return not_allowed(request, refusal.messages[0])
    cities = permissions.cities_to_sign_for(request.user)
    initial = {"full_name": request.user.full_name, "version": current.version}
    form = SignatureForm(request.POST or None, cities=cities, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not allow(request, "sign_declaration"):
            form.add_error(None, _("Too many signatures were sent from your network. Please try again later."))
            status = 429
        else:
            signature = form.save(commit=False)
            signature.declaration = current
            try:
                signature_submit(signature, by=request.user, version_read=form.cleaned_data["version"])
            except Refused as refusal:
                form = _form_for_current_version(form, refusal, current, cities)
            else:
                messages.success(
                    request,
                    _("Thank you. We sent you an email: click the link in it to confirm your signature."),
                )
                return redirect("ambassadors:my-signatures")
    context = {"form": form, "declaration": current, "reader_translation": _reader_translation(current)}
    return render(request, "ambassadors/sign.html", context, status=status)


def _form_for_current_version(form, refusal, current, cities):
    """The form again with the refusal shown; when a newer version was published meanwhile, what the person
    typed is kept and the form now signs the version on the page."""
    if refusal.code == "not_current":
        data = form.data.copy()
        data["version"] = current.version
        form = SignatureForm(data, cities=cities)
        form.is_valid()
    form.add_error(None, refusal)
    return form


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        signature = signature_from_token(token)
    except ConfirmationLinkError as error:
        return render(request, "ambassadors/confirm_invalid.html", {"reason": error.reason}, status=400)
    context = {"signature": signature, "token": token}
    if request.method == "POST":
        try:
            context["confirmed_now"] = signature_confirm(signature, by=request.user)
        except Refused as refusal:
            context["error"] = " ".join(refusal.messages)
        signature.refresh_from_db()
    return render(request, "ambassadors/confirm.html", context)


@require_http_methods(["GET", "POST"])
def reconfirm(request, token):
    """The emailed question "do you still hold the office?": the link is the authority, no login needed."""
    try:
        asked = reconfirmation_from_token(token)
    except ConfirmationLinkError as error:
        context = {"reason": error.reason, "max_age_days": RECONFIRMATION_MAX_AGE_DAYS}
        return render(request, "ambassadors/reconfirm_invalid.html", context, status=400)
    signature = asked.signature
    refusal = reconfirmation_refusal(asked)
    form = ReconfirmationForm(request.POST if request.method == "POST" else None, signature=signature)
    context = {"asked": asked, "signature": signature, "form": form}
    if refusal is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            context["signature"] = reconfirmation_answer(
                asked, still_in_office=form.still_in_office, left_office_on=data["left_office_on"],
                term_ends_on=data["term_ends_on"], by=request.user,
            )
        except Refused as error:
            if getattr(error, "code", None) in ("used", "closed"):
                refusal = error
            else:
                form.add_error(None, error)
        else:
            context["answered"] = True
    context["refusal"] = " ".join(refusal.messages) if refusal else ""
    return render(request, "ambassadors/reconfirm.html", context)


@login_required
def my_signatures(request):
    signatures = request.user.ambassador_signatures.select_related("declaration", "city")
    return render(request, "ambassadors/my_signatures.html", {"signatures": signatures})


def _own_signature(request, pk) -> Signature:
    """Strangers get a 404: they learn nothing about other people's signatures."""
    return get_object_or_404(Signature.objects.select_related("declaration", "city"), pk=pk, signer=request.user)


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    signature = _own_signature(request, pk)
    if not permissions.can_withdraw(request.user, signature):
        messages.info(request, _("This signature no longer counts; there is nothing to withdraw."))
        return redirect("ambassadors:my-signatures")
    if request.method == "POST":
        done = _("Your signature is withdrawn. It no longer appears or counts anywhere.")
        perform_and_tell(request, lambda: signature_withdraw(signature, by=request.user), done)
        return redirect("ambassadors:my-signatures")
    return render(request, "ambassadors/withdraw.html", {"signature": signature})


@login_required
@require_http_methods(["POST"])
def resend_confirmation(request, pk):
    signature = _own_signature(request, pk)
    if not allow(request, "sign_declaration"):
        messages.error(request, _("Too many emails were asked for from your network. Please try again later."))
    else:
        done = _("We sent you a new confirmation email. Its link is valid for 7 days.")
        perform_and_tell(request, lambda: signature_resend_confirmation(signature, by=request.user), done)
    return redirect("ambassadors:my-signatures")


@login_required
def certificate(request, pk):
    signature = _own_signature(request, pk)
    if not permissions.can_view_certificate(request.user, signature):
        raise Http404
    return render(request, "ambassadors/certificate.html", {"signature": signature})


def verify_lookup(request):
    form = VerifyCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("ambassadors:verify", code=normalise_code(form.cleaned_data["code"]))
    return render(request, "ambassadors/verify_lookup.html", {"form": form})


def verify(request, code):
    signature = (
        Signature.objects.select_related("declaration", "city").filter(certificate_code=normalise_code(code)).first()
    )
    return render(
        request,
        "ambassadors/verify.html",
        {"signature": signature, "code": code, "form": VerifyCodeForm()},
        status=200 if signature else 404,
    )
