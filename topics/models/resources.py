from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from topics.models.threads import author_label
from topics.models.visibility import ReadableQuerySet

RESOURCE_MAX_BYTES = 10 * 1024 * 1024


class Resource(models.Model):
    """A link or a document shared in a topic area. Uploaded files get a random name (see topics.uploads)."""

    class Kind(models.TextChoices):
        LINK = "link", _("Link")
        FILE = "file", _("Document")

    topic = models.ForeignKey(
        "topics.Topic", on_delete=models.PROTECT, related_name="resources", verbose_name=_("topic")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LINK)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("document"), upload_to="topics/resources/%Y/%m/", max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("shared by"),
    )
    shared_by_city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    members_only = models.BooleanField(
        _("members only"), default=False, help_text=_("Only verified city officers and staff can see it.")
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(_("shared at"), default=timezone.now)
    # Filled by a PostgreSQL trigger (migration 0006), indexed with GIN; unused on other databases.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["topic", "is_hidden", "members_only", "-created_at"], name="topics_resource_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="link") & ~models.Q(url=""))
                | (models.Q(kind="file") & ~models.Q(file="")),
                name="topics_resource_has_link_or_file",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        if self.kind == self.Kind.FILE:
            return reverse("topics:resource-download", args=[self.pk])
        return self.url

    @property
    def shared_by_name(self) -> str:
        return author_label(self.shared_by, self.shared_by_city)
