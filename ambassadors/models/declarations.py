"""The declaration: versioned text whose published versions never change, with courtesy translations."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BINDING_LANGUAGE = "en"


class DeclarationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def current(self) -> "Declaration | None":
        """The latest published version: the one people sign now."""
        return self.published().order_by("-version").first()


class Declaration(models.Model):
    """One version of the declaration. English is the binding text; once published it never changes."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Once published, the text is fixed: publish a new version to change it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("declaration version")
        verbose_name_plural = _("declaration versions")
        ordering = ["-version"]

    def __str__(self):
        return _("Declaration, version %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ambassadors:declaration")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def text_sha256(self) -> str:
        """The fingerprint of the exact binding text a signer agrees to."""
        text = f"{self.version}\n{self.title}\n\n{self.body}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _stored(self) -> "Declaration | None":
        if self.pk is None:
            return None
        return Declaration.objects.filter(pk=self.pk).only("version", "title", "body", "published_at").first()

    def clean(self):
        stored = self._stored()
        if (
            stored is not None
            and stored.is_published
            and (
                (stored.version, stored.title, stored.body, stored.published_at)
                != (self.version, self.title, self.body, self.published_at)
            )
        ):
            raise ValidationError(
                _("A published declaration never changes. Publish a new version instead."), code="published"
            )

    def translation_for(self, language: str) -> "DeclarationTranslation | None":
        """Reads the prefetched translations when there are some."""
        for translation in self.translations.all():
            if translation.language == language:
                return translation
        return None


def translation_languages():
    return [(code, name) for code, name in settings.LANGUAGES if code != BINDING_LANGUAGE]


class DeclarationTranslation(models.Model):
    """A courtesy translation. New languages may be added to a published version; a text never changes."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="translations", verbose_name=_("declaration")
    )
    language = models.CharField(_("language"), max_length=10, choices=translation_languages)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"))

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "language"], name="one_translation_per_language")
        ]

    def __str__(self):
        return f"{self.declaration} ({self.language})"

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.declaration.is_published:
            raise ValidationError(_("The translation of a published declaration cannot be deleted."))
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.language == BINDING_LANGUAGE:
            raise ValidationError({"language": _("English is the binding text of the declaration itself.")})
        if self.pk is None or not self.declaration_id:
            return
        stored = DeclarationTranslation.objects.filter(pk=self.pk).select_related("declaration").first()
        if (
            stored is not None
            and stored.declaration.is_published
            and ((stored.language, stored.title, stored.body) != (self.language, self.title, self.body))
        ):
            raise ValidationError(
                _("The translation of a published declaration never changes."), code="published"
            )
