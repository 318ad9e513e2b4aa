"""What projects, calls and partner requests share: an accent-free search text kept on save, unique addresses,
and the person who did something."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify

from core.text import fold, terms_of


class Searchable(models.Model):
    """A row found by the words of SEARCHABLE_TEXT(), accents and case aside (QuerySet: search_folded)."""

    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = fold(self.searchable_text())
        if kwargs.get("update_fields") is not None:
            automatic = [field.name for field in self._meta.concrete_fields if getattr(field, "auto_now", False)]
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", *automatic}
        super().save(*args, **kwargs)

    def searchable_text(self) -> str:
        raise NotImplementedError


def search_folded(queryset, text: str):
    """Rows whose search text holds every word of TEXT. A few thousand rows at most: a scan costs less than an
    index to keep up to date."""
    for term in terms_of(fold(text)):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def unique_slug(obj, text: str, *, fallback: str, reserved: tuple[str, ...] = ()) -> str:
    """An address for OBJ from TEXT, free among its model's rows; RESERVED are addresses of pages of their own."""
    max_length = type(obj)._meta.get_field("slug").max_length - 10
    base = slugify(fold(text))[:max_length] or fallback
    if base in reserved:
        base = f"{base}-{fallback}"
    rows = type(obj)._default_manager.exclude(pk=obj.pk)
    slug, n = base, 1
    while rows.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def person(verbose_name, *, related_name: str = "+") -> models.ForeignKey:
    """Who did it; the row stays when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )
