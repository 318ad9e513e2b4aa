from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _translated(text: str) -> str:
    # gettext("") would return the catalogue's header.
    return gettext(text) if text else ""


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_activity(self, user):
        """Each topic's number of threads `user` may see and their latest activity, in the same query."""
        from topics.models.threads import Thread

        visible = Thread.objects.readable_by(user).filter(topic=models.OuterRef("pk")).order_by()
        return self.annotate(
            visible_thread_count=Coalesce(
                models.Subquery(visible.values("topic").annotate(n=models.Count("pk")).values("n")[:1]),
                0,
            ),
            latest_activity_at=models.Subquery(
                visible.order_by("-last_activity_at").values("last_activity_at")[:1]
            ),
        )


class Topic(models.Model):
    """One of the working group's topics."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["is_active", "order"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:detail", args=[self.slug])

    @property
    def localized_name(self) -> str:
        """The seed topics' names are in the translation catalogue; a name staff typed shows as typed."""
        return _translated(self.name)

    @property
    def localized_summary(self) -> str:
        return _translated(self.summary)

    @property
    def localized_description(self) -> str:
        return _translated(self.description)
