from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriptionQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Follows of what USER may still read: an officer who lost their affiliation keeps following a
        members-only thread, unseen, until they may read it again."""
        from topics.models.threads import Thread

        return self.filter(
            models.Q(thread__isnull=True, topic__is_active=True) | models.Q(thread__in=Thread.objects.readable_by(user))
        )


class Subscription(models.Model):
    """A user follows a topic (mail on each new thread) or a thread (mail on each reply)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="topic_subscriptions",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        "topics.Topic",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("topic"),
    )
    thread = models.ForeignKey(
        "topics.Thread",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("thread"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, thread__isnull=True)
                | models.Q(topic__isnull=True, thread__isnull=False),
                name="topics_subscription_topic_xor_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                condition=models.Q(topic__isnull=False),
                name="topics_one_sub_per_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=models.Q(thread__isnull=False),
                name="topics_one_sub_per_thread",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.topic or self.thread}"


class MailPreference(models.Model):
    """How a user wants to hear about what they follow: a mail for each event, or one daily digest."""

    class Delivery(models.TextChoices):
        EACH = "each", _("A mail for each new thread or reply")
        DAILY = "daily", _("One daily digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="topic_mail_preference",
        verbose_name=_("user"),
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.EACH)
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")

    def __str__(self):
        return f"{self.user_id}: {self.delivery}"
