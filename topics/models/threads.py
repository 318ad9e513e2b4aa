from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from core.markdown import render_markdown
from topics.models.visibility import ReadableQuerySet, readable_q

BODY_MAX_LENGTH = 20_000


def author_label(author, city) -> str:
    """How an author is named in public: never their email address."""
    if author is None:
        return gettext("Former member")
    if author.full_name:
        return author.full_name
    if city is not None:
        return gettext("An officer of %(city)s") % {"city": city.name}
    return gettext("A member")


class Authored(models.Model):
    """Who wrote it, and for which city they wrote (kept when they later leave it)."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topic_%(class)ss",
        verbose_name=_("author"),
    )
    author_city = models.ForeignKey(
        "cities.City",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author's city when posting"),
    )

    class Meta:
        abstract = True

    @property
    def author_name(self) -> str:
        return author_label(self.author, self.author_city)


class ThreadQuerySet(ReadableQuerySet):
    def listed(self):
        """Pinned first, then the most recently active."""
        return self.order_by("-is_pinned", "-last_activity_at", "-id")

    def recount(self) -> int:
        """Set each thread's counters from its visible posts: the replies, and the latest activity (the thread's
        start when no post is visible). Used after posts are hidden or shown again, or loaded in bulk."""
        visible = Post.objects.filter(thread=models.OuterRef("pk"), is_hidden=False).order_by().values("thread")
        replies = visible.filter(is_first=False).annotate(n=models.Count("pk")).values("n")
        latest = visible.annotate(latest=models.Max("created_at")).values("latest")
        return self.update(
            reply_count=Coalesce(models.Subquery(replies), 0),
            last_activity_at=Coalesce(models.Subquery(latest), models.F("created_at")),
        )


class Thread(Authored):
    """A conversation in a topic area. Its first post carries the body; the rest are replies.

    State (pinned, locked, hidden, topic, counters) changes only through topics.services.
    """

    topic = models.ForeignKey(
        "topics.Topic", on_delete=models.PROTECT, related_name="threads", verbose_name=_("topic")
    )
    title = models.CharField(_("title"), max_length=200)
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Only verified city officers and staff can read a members-only thread."),
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    last_activity_at = models.DateTimeField(_("latest activity"), default=timezone.now)
    # Filled by a PostgreSQL trigger (migration 0006), indexed with GIN; unused on other databases.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("started at"), default=timezone.now)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(
                fields=["topic", "is_hidden", "members_only", "-is_pinned", "-last_activity_at"],
                name="topics_thread_listing_idx",
            ),
            models.Index(fields=["is_hidden", "members_only", "-created_at"], name="topics_thread_feed_idx"),
            # Officers and staff see members-only threads too: their listing cannot use the index above.
            models.Index(
                fields=["topic", "-is_pinned", "-last_activity_at", "-id"], name="topics_thread_member_list_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("topics:thread", args=[self.topic.slug, self.pk])

    @property
    def accepts_replies(self) -> bool:
        return not (self.is_locked or self.is_hidden)


class PostQuerySet(ReadableQuerySet):
    """A post is readable where its thread is, and hidden posts by staff only."""

    def readable_by(self, user):
        posts = self.filter(readable_q(user, "thread__"))
        return posts if permissions.can_moderate(user) else posts.filter(is_hidden=False)

    def published(self):
        return self.filter(is_hidden=False, thread__is_hidden=False)


class Post(Authored):
    """One message. Its Markdown is rendered and sanitised on every save, so stored HTML is always clean."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH)
    body_html = models.TextField(editable=False, default="")
    is_first = models.BooleanField(_("opening post"), default=False, editable=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # Hidden by members' reports (or a staff member's), until a moderator restores it or confirms the hiding.
    hidden_by_reports = models.BooleanField(_("hidden by reports"), default=False)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # Filled by a PostgreSQL trigger (migration 0006), indexed with GIN; unused on other databases.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["thread", "is_hidden", "id"], name="topics_post_thread_idx"),
            models.Index(fields=["author_city", "is_hidden", "-created_at"], name="topics_post_city_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(is_first=True),
                name="topics_one_opening_post_per_thread",
            )
        ]

    def __str__(self):
        return gettext("Post %(id)s in “%(thread)s”") % {"id": self.pk, "thread": self.thread.title}

    def save(self, *args, **kwargs):
        self.derive_fields()
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('topics:post', args=[self.pk])}"

    def derive_fields(self) -> None:
        """What save() fills in from the other fields; a bulk insert calls it for each row itself."""
        self.body_html = render_markdown(self.body)

    @property
    def html(self) -> SafeString:
        return mark_safe(self.body_html)  # noqa: S308 - rendered through nh3's allowlist in save()
