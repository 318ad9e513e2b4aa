"""The signatures of political representatives, and what their term of office is known to be.

A signature's status and term are changed only by ambassadors.services; everything here reads or describes.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ambassadors.models.declarations import Declaration
from core.text import fold

# Crockford's base 32: no I, L, O or U, so a printed code is read back without confusion.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20  # 100 random bits


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def paper_scan_path(instance, filename: str) -> str:
    """An unguessable name: a scan shows a signature and is not for the public."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"ambassadors/paper/{secrets.token_urlsafe(24)}.{extension}"


def normalise_code(text: str) -> str:
    """What a reader types back from paper: any case, spaces or dashes, O for 0, I/L for 1."""
    cleaned = "".join(char for char in (text or "").upper() if char.isalnum())
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def normalise_email(email: str) -> str:
    """The mailbox an address delivers to, for spotting one person signing twice.

    Case is ignored and a "+tag" is dropped for every domain (almost every provider delivers
    name+tag@ to name@); dots in the local part are dropped only for Gmail, the one large
    provider known to ignore them, and googlemail.com is the same mailbox as gmail.com.
    """
    local, _at, domain = (email or "").strip().lower().rpartition("@")
    if not local:
        return (email or "").strip().lower()
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


class SignatureQuerySet(models.QuerySet):
    def live(self):
        """Signatures that still count or may still count: one per person and version at most."""
        return self.filter(status__in=Signature.LIVE_STATUSES)

    def verified(self):
        return self.filter(status=Signature.Status.VERIFIED)

    def on_wall(self):
        """What the public sees: verified signatures of published declarations."""
        return self.verified().filter(
            declaration__published_at__isnull=False, declaration__published_at__lte=timezone.now()
        )

    def current(self):
        """Ambassadors who hold their office, as far as anyone has told the portal."""
        return self.exclude(term_status=TermStatus.LEFT)

    def former(self):
        """Ambassadors who have left the office they signed in: they stay on the wall, as former ambassadors."""
        return self.filter(term_status=TermStatus.LEFT)

    def term_counts(self) -> dict[str, int]:
        """How many of these ambassadors are current, and how many former, in one query."""
        former = models.Q(term_status=TermStatus.LEFT)
        return self.aggregate(current=models.Count("pk", filter=~former), former=models.Count("pk", filter=former))

    def waiting_for_verification(self):
        return self.filter(status=Signature.Status.CONFIRMED)

    def search(self, text: str):
        """Names are searched among listed signatures only, so a search never reveals an unlisted one."""
        folded = fold(text)
        return self.filter(
            models.Q(listed_publicly=True, name_folded__contains=folded)
            | models.Q(city__search_name__contains=folded)
        )

    def likely_duplicates_of(self, signature: "Signature"):
        """Other live signatures of the same version from the same mailbox, or the same name and city."""
        same_person = models.Q(name_folded=signature.name_folded, city_id=signature.city_id)
        if signature.email_normalised:
            same_person |= models.Q(email_normalised=signature.email_normalised)
        return (
            self.live().filter(same_person, declaration_id=signature.declaration_id).exclude(pk=signature.pk)
        )


def city_has_ambassador():
    """An expression for City querysets: does the city have a current ambassador on the wall?"""
    return Exists(Signature.objects.on_wall().current().filter(city=OuterRef("pk")))


class SignatureStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
    CONFIRMED = "confirmed", _("Confirmed, waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Signatures that count or may still count: one per person and version at most.
LIVE_SIGNATURE_STATUSES = [SignatureStatus.UNCONFIRMED, SignatureStatus.CONFIRMED, SignatureStatus.VERIFIED]


class TermStatus(models.TextChoices):
    """Whether the ambassador still holds the office they signed in (ambassadors.services: the term's steps)."""

    IN_OFFICE = "in_office", _("In office")
    ASKED = "asked", _("Asked to re-confirm")
    UNANSWERED = "unanswered", _("No answer: for staff to check")
    LEFT = "left", _("Left office")


def one_year_after(day: datetime.date) -> datetime.date:
    """The same date a year later; 29 February gives 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return datetime.date(day.year + 1, 3, 1)


class Signature(models.Model):
    Status = SignatureStatus
    Term = TermStatus

    class Office(models.TextChoices):
        MAYOR = "mayor", _("Mayor")
        DEPUTY_MAYOR = "deputy_mayor", _("Deputy mayor")
        COUNCILLOR = "councillor", _("Councillor")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        ONLINE = "online", _("Signed online")
        PAPER = "paper", _("Signed on paper")

    LIVE_STATUSES = LIVE_SIGNATURE_STATUSES

    declaration = models.ForeignKey(
        Declaration,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("declaration version"),
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ambassador_signatures",
        verbose_name=_("account"),
        help_text=_("The portal account that signed; may be empty for a paper signature."),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    name_folded = models.CharField(max_length=150, db_index=True, editable=False)
    office = models.CharField(_("office"), max_length=20, choices=Office.choices)
    office_title = models.CharField(
        _("title of the office"),
        max_length=150,
        blank=True,
        help_text=_("Required when the office is “Other”."),
    )
    city = models.ForeignKey(
        "cities.City", on_delete=models.PROTECT, related_name="ambassador_signatures", verbose_name=_("city")
    )
    statement = models.TextField(_("public statement"), max_length=1000, blank=True)
    listed_publicly = models.BooleanField(_("listed publicly"), default=False)
    email = models.EmailField(_("email"), blank=True)
    email_normalised = models.CharField(max_length=254, blank=True, db_index=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.ONLINE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED, db_index=True
    )
    text_sha256 = models.CharField(_("SHA-256 of the text signed"), max_length=64, editable=False)
    language = models.CharField(_("language read"), max_length=10, blank=True, editable=False)
    possible_duplicate = models.BooleanField(_("possible duplicate"), default=False, db_index=True)
    certificate_code = models.CharField(
        _("certificate code"), max_length=30, unique=True, default=new_certificate_code, editable=False
    )
    paper_signed_on = models.DateField(_("signed on paper on"), null=True, blank=True)
    paper_place = models.CharField(_("place of signing"), max_length=150, blank=True)
    paper_scan = models.FileField(
        _("scan of the signed paper"),
        upload_to=paper_scan_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "png", "jpg", "jpeg"])],
    )
    decision_note = models.TextField(_("reason given"), blank=True)
    term_ends_on = models.DateField(
        _("term of office ends on"),
        null=True,
        blank=True,
        help_text=_("If known: the ambassador is then asked at the term's end whether they still hold the office."),
    )
    term_status = models.CharField(
        _("term of office"), max_length=20, choices=TermStatus.choices, default=TermStatus.IN_OFFICE, db_index=True
    )
    office_confirmed_on = models.DateField(
        _("office last confirmed on"),
        default=timezone.localdate,
        help_text=_("The day of signing or of the last re-confirmation; a year later the ambassador is asked again."),
    )
    left_office_on = models.DateField(_("left office on"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed at"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("rejected or withdrawn at"), null=True, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "declaration", "-verified_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "signer"],
                condition=models.Q(status__in=LIVE_SIGNATURE_STATUSES),
                name="one_live_signature_per_signer_and_version",
            ),
        ]

    def __str__(self):
        return (
            f"{self.full_name} – {self.city} (v{self.declaration.version})"
            if self.declaration_id
            else self.full_name
        )

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def derive_fields(self) -> None:
        """What save() fills in from the other fields; a bulk insert calls it for each row itself."""
        self.name_folded = fold(" ".join(self.full_name.split()))
        self.email_normalised = normalise_email(self.email) if self.email else ""

    def clean(self):
        errors = {}
        if self.office == self.Office.OTHER and not self.office_title.strip():
            errors["office_title"] = _("Name the office you hold.")
        if self.term_ends_on and self.term_ends_on < self.signed_on:
            errors["term_ends_on"] = _("The term cannot end before the signature (%(date)s).") % {
                "date": date_format(self.signed_on, "DATE_FORMAT")
            }
        if errors:
            raise ValidationError(errors)

    @property
    def signed_on(self) -> datetime.date:
        """The day of signing: on paper, the paper's date; online, the day it was sent (today, before it is)."""
        if self.paper_signed_on:
            return self.paper_signed_on
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    def left_office_refusal(self, left_on: datetime.date) -> str | None:
        """What is wrong with LEFT_ON as the day the ambassador left office, or None."""
        if left_on > timezone.localdate():
            return gettext("The date cannot be in the future.")
        if left_on < self.signed_on:
            return gettext("The date cannot be before the signature (%(date)s).") % {
                "date": date_format(self.signed_on, "DATE_FORMAT")
            }
        return None

    @property
    def is_former(self) -> bool:
        return self.term_status == TermStatus.LEFT

    @property
    def next_reconfirmation_on(self) -> datetime.date:
        """The day the ambassador is next asked: a year after the last confirmation, or the term's end if sooner."""
        yearly = one_year_after(self.office_confirmed_on)
        if self.term_ends_on and self.office_confirmed_on < self.term_ends_on < yearly:
            return self.term_ends_on
        return yearly

    @property
    def public_name(self) -> str:
        """What the public may read: the name only when the signer agreed to be listed."""
        return self.full_name if self.listed_publicly else gettext("An ambassador who chose not to be listed")

    @property
    def office_display(self) -> str:
        return self.office_title if self.office == self.Office.OTHER else self.get_office_display()

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES

    @property
    def is_genuine(self) -> bool:
        """Verified by staff: the certificate is the portal's, whether or not the ambassador is still in office."""
        return self.status == self.Status.VERIFIED

    @property
    def is_genuine_and_current(self) -> bool:
        return self.is_genuine and not self.is_former

    def get_certificate_url(self):
        return reverse("ambassadors:certificate", args=[self.pk])

    def get_verify_url(self):
        return reverse("ambassadors:verify", args=[self.certificate_code])
