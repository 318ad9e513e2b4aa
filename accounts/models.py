from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Decided

# The city status that gives a city's officers and representatives their rights: cities' City.Membership.MEMBER.
# accounts sits below cities (cities may import it, never the reverse), so it names the value here;
# tests/test_architecture.py checks that both agree.
MEMBER_CITY_STATUS = "member"


def portal_languages():
    """The languages the portal speaks (settings.LANGUAGES), read when asked: switching one on needs no migration."""
    return settings.LANGUAGES


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. They log in with their email; there is no username."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(
        _("language of mails"),
        max_length=10,
        choices=portal_languages,
        blank=True,
        help_text=_("The language of the mails the portal sends. Empty: the language of sign-up."),
    )
    signup_language = models.CharField(_("language at sign-up"), max_length=10, blank=True, editable=False)
    reporting_revoked = models.BooleanField(
        _("right to report withdrawn"),
        default=False,
        help_text=_("Staff withdrew the right to report posts, for reports made in bad faith (reversible)."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._shown_as = (user.full_name, user.email) if {"full_name", "email"} <= set(field_names) else None
        return user

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # post_save, and what it evicts (accounts/evictions.py), sees the change
        self._shown_as = (self.full_name, self.email)

    @property
    def name_changed(self) -> bool:
        """The name or address shown with the person's contributions (posts, a city's answer to a partner
        request) differs from the one last read or saved."""
        return (self.full_name, self.email) != getattr(self, "_shown_as", (self.full_name, self.email))

    @property
    def audit_label(self) -> str:
        """How the audit trail names an account: never by the person's name or address."""
        return f"account #{self.pk}"

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name or self.email.split("@")[0]

    @cached_property
    def verified_affiliations(self) -> list["Affiliation"]:
        """The user's verified affiliations with member cities, read once per request: the affiliations that give
        rights (accounts.permissions.city_confers_rights says the same of one city)."""
        return list(
            self.affiliations.verified().filter(city__membership_status=MEMBER_CITY_STATUS).select_related("city")
        )

    @cached_property
    def has_verified_email(self) -> bool:
        return self.emailaddress_set.filter(email__iexact=self.email, verified=True).exists()


class AffiliationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Affiliation.Status.PENDING)

    def verified(self):
        return self.filter(status=Affiliation.Status.VERIFIED)

    def officers(self):
        return self.filter(role=Affiliation.Role.OFFICER)

    def representatives(self):
        return self.filter(role=Affiliation.Role.REPRESENTATIVE)

    def listed(self):
        return self.filter(listed_publicly=True)

    def live(self):
        """Pending or verified: the states the unique constraint guards."""
        return self.filter(status__in=Affiliation.LIVE_STATUSES)

    def listed_officers_of(self, city):
        """The verified officers a city's public profile shows: they agreed to be listed."""
        return (
            self.verified()
            .officers()
            .listed()
            .filter(city=city, user__is_active=True)
            .select_related("user")
            .order_by("user__full_name", "pk")
        )


class AffiliationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Pending or verified: a person has at most one such affiliation per city and role.
LIVE_AFFILIATION_STATUSES = [AffiliationStatus.PENDING, AffiliationStatus.VERIFIED]


class Affiliation(Decided):
    """A user's claim to act for a city; only staff move it out of "pending" (see accounts.services)."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("City officer")
        REPRESENTATIVE = "representative", _("Political representative")

    Status = AffiliationStatus
    LIVE_STATUSES = LIVE_AFFILIATION_STATUSES

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("user"),
    )
    city = models.ForeignKey(
        "cities.City",
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("city"),
        limit_choices_to={"membership_status": MEMBER_CITY_STATUS},
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=150)
    note = models.TextField(_("note for staff"), blank=True)
    listed_publicly = models.BooleanField(
        _("list me on the city's profile"),
        default=False,
        help_text=_("Show my name and job title on the city's public profile once I am verified."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["city", "status", "role"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "city", "role"],
                condition=models.Q(status__in=LIVE_AFFILIATION_STATUSES),
                name="one_live_affiliation_per_user_city_role",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.city}"

    @property
    def audit_label(self) -> str:
        """How the audit trail names an affiliation: never by the person's name or address."""
        return f"affiliation #{self.pk}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES

    @property
    def email_on_official_domain(self) -> bool:
        """The account's email is on the city's official domain: evidence for staff, never a decision."""
        domain = self.city.official_email_domain.strip().lower().lstrip("@")
        email_domain = self.user.email.rsplit("@", 1)[-1].lower()
        return bool(domain) and (email_domain == domain or email_domain.endswith("." + domain))
