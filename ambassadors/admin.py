import io

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from ambassadors.declarations import declaration_new_version, declaration_publish
from ambassadors.models import Declaration, DeclarationTranslation, Signature
from ambassadors.services import (
    paper_signature_refusal,
    signature_record_paper,
    signature_reject,
    signature_verify,
)
from ambassadors.term_admin import TERM_ACTIONS, TERM_FIELDS, ReconfirmationInline
from core.admin import ActionLogInline
from core.admin_actions import workflow_action
from core.admin_site import PendingQueueAdmin
from core.csv import write_rows


class TranslationInline(admin.StackedInline):
    """Languages may be added to a published version; a translation's text never changes once published."""

    model = DeclarationTranslation
    extra = 0

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_published)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published_at", "verified_signatures"]
    # Publishing is the "Publish now" action, so that it is logged and happens once.
    readonly_fields = ["published_at", "created_at", "text_sha256"]
    inlines = [TranslationInline, ActionLogInline]
    actions = [
        workflow_action(declaration_publish, description=_("Publish now: the text is fixed from then on")),
        workflow_action(declaration_new_version, description=_("Start a new version from this text")),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                verified_count=Count("signatures", filter=Q(signatures__status=Signature.Status.VERIFIED))
            )
        )

    @admin.display(description=_("verified signatures"), ordering="verified_count")
    def verified_signatures(self, obj):
        return obj.verified_count

    @admin.display(description=_("SHA-256 of the binding text"))
    def text_sha256(self, obj):
        return obj.text_sha256 if obj.pk else "–"

    def get_changeform_initial_data(self, request):
        latest = Declaration.objects.order_by("-version").first()
        return {
            "version": latest.version + 1 if latest else 1,
            **super().get_changeform_initial_data(request),
        }

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_published:
            return ["version", "title", "body", *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_published)


class PaperSignatureForm(forms.ModelForm):
    """What staff type from a declaration signed on paper."""

    class Meta:
        model = Signature
        fields = [
            "declaration",
            "full_name",
            "office",
            "office_title",
            "city",
            "email",
            "signer",
            "statement",
            "listed_publicly",
            "paper_signed_on",
            "paper_place",
            "paper_scan",
            "term_ends_on",
        ]
        help_texts = {
            "listed_publicly": _("Only if the signer agreed, on the paper, to be listed publicly."),
            "email": _("Optional: the signer is told by email that the signature is recorded."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["declaration"].queryset = Declaration.objects.published()
        self.fields["paper_signed_on"].required = True
        self.fields["paper_place"].required = True

    def clean_paper_signed_on(self):
        signed_on = self.cleaned_data["paper_signed_on"]
        if signed_on and signed_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return signed_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("declaration"):
            refusal = paper_signature_refusal(signer=cleaned.get("signer"), declaration=cleaned["declaration"])
            if refusal is not None:
                self.add_error(None, refusal)
        return cleaned


def export_signatures_csv(modeladmin, request, queryset):
    header = [
        "id",
        "declaration_version",
        "status",
        "source",
        "full_name",
        "office",
        "city",
        "country",
        "email",
        "listed_publicly",
        "statement",
        "possible_duplicate",
        "signed_at",
        "confirmed_at",
        "verified_at",
        "paper_signed_on",
        "paper_place",
        "text_sha256",
        "term_status",
        "term_ends_on",
        "left_office_on",
    ]
    rows = (
        [
            s.pk,
            s.declaration.version,
            s.status,
            s.source,
            s.full_name,
            s.office_display,
            s.city.name,
            s.city.country.code,
            s.email,
            s.listed_publicly,
            s.statement,
            s.possible_duplicate,
            s.created_at.isoformat(),
            s.confirmed_at.isoformat() if s.confirmed_at else "",
            s.verified_at.isoformat() if s.verified_at else "",
            s.paper_signed_on or "",
            s.paper_place,
            s.text_sha256,
            s.term_status,
            s.term_ends_on or "",
            s.left_office_on or "",
        ]
        for s in queryset.select_related("declaration", "city").order_by("pk")
    )
    stream = io.StringIO()
    write_rows(stream, header, rows)
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="smc-ambassador-signatures.csv"'
    return response


export_signatures_csv = admin.action(
    description=_("Export the selected signatures as CSV"), permissions=["view"]
)(export_signatures_csv)


@admin.register(Signature)
class SignatureAdmin(PendingQueueAdmin):
    pending_label = _("Ambassador signatures to verify")
    pending_filter = {"status__exact": "confirmed"}

    list_display = [
        "full_name",
        "city",
        "country",
        "office_display",
        "version",
        "source",
        "status",
        "possible_duplicate",
        "created_at",
    ]
    list_filter = [
        "status",
        "term_status",
        "declaration",
        ("city__country", CountryFilter),  # only the countries that have signatures
        "source",
        "possible_duplicate",
        "listed_publicly",
    ]
    search_fields = ["full_name", "email", "city__name", "certificate_code"]
    list_select_related = ["city", "declaration"]
    date_hierarchy = "created_at"
    inlines = [ReconfirmationInline, ActionLogInline]
    autocomplete_fields = ["city"]
    raw_id_fields = ["signer"]
    actions = [
        workflow_action(
            signature_verify, description=_("Verify: show on the ambassadors wall"), ask_reason=True
        ),
        workflow_action(
            signature_reject, description=_("Reject the signature"), ask_reason=True, reason_required=True
        ),
        *TERM_ACTIONS,
        export_signatures_csv,
    ]
    readonly_on_change = [
        "declaration",
        "signer",
        "full_name",
        "office",
        "office_title",
        "city",
        "statement",
        "listed_publicly",
        "email",
        "source",
        "status",
        "text_sha256",
        "language",
        "possible_duplicate",
        "likely_duplicates",
        "certificate_code",
        "paper_signed_on",
        "paper_place",
        "paper_scan",
        "decision_note",
        *TERM_FIELDS,
        "created_at",
        "confirmed_at",
        "verified_at",
        "ended_at",
    ]

    @admin.display(description=_("country"), ordering="city__country")
    def country(self, obj):
        return obj.city.country.code

    @admin.display(description=_("office"))
    def office_display(self, obj):
        return obj.office_display

    @admin.display(description=_("version"), ordering="declaration__version")
    def version(self, obj):
        return obj.declaration.version

    @admin.display(description=_("likely duplicates"))
    def likely_duplicates(self, obj):
        others = Signature.objects.likely_duplicates_of(obj).select_related("city")
        if not others:
            return "–"
        return format_html_join(
            ", ",
            '<a href="{}">{} ({}, {})</a>',
            (
                (
                    reverse("admin:ambassadors_signature_change", args=[o.pk]),
                    o.full_name,
                    o.city,
                    o.get_status_display(),
                )
                for o in others
            ),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PaperSignatureForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return PaperSignatureForm.Meta.fields
        return self.readonly_on_change

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_on_change if obj is not None else []

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return  # Every field is read-only once recorded; the workflow actions change the status.
        signature_record_paper(obj, by=request.user)

    def save_related(self, request, form, formsets, change):
        if change:
            return
        super().save_related(request, form, formsets, change)

    def has_delete_permission(self, request, obj=None):
        return False  # A signature's history is evidence: it is rejected or withdrawn, never deleted.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        buttons = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**buttons, **(extra_context or {})})


    def add_view(self, request, form_url="", extra_context=None):
        extra = {"title": _("Record a declaration signed on paper"), **(extra_context or {})}
        return super().add_view(request, form_url, extra)
