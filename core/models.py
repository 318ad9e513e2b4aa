import logging

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

audit_logger = logging.getLogger("smcportal.audit")


class ActionLogQuerySet(models.QuerySet):
    def about(self, obj):
        """OBJ's entries, oldest first: its history."""
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk).order_by("created_at", "id")


class ActionLog(models.Model):
    """One audit entry: who did what to which object, when and why. Never edited: it names no person (a
    model's `audit_label` keeps names out), and when an account is deleted its entries only lose their actor."""

    action = models.CharField(_("action"), max_length=80, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("object type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=200)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = ActionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


def log_action(obj: models.Model, action: str, *, actor=None, **data) -> ActionLog:
    """Record an audit entry with a dotted action code, e.g. "cities.application.approved"."""
    audit_logger.info("%s %s#%s actor_id=%s", action, obj._meta.label, obj.pk, getattr(actor, "pk", None))
    return ActionLog.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(getattr(obj, "audit_label", obj))[:200],
        data=data,
    )


class Decided(models.Model):
    """Who decided, when and why: what every staff decision leaves on the object it decides."""

    decision_note = models.TextField(_("reason given"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True

    def record_decision(self, *, by, note: str = "") -> list[str]:
        """Fill the decision fields; returns their names for save(update_fields=...)."""
        self.decided_by = by if by is not None and by.is_authenticated else None
        self.decided_at = timezone.now()
        self.decision_note = note
        return ["decided_by", "decided_at", "decision_note"]


class SiteContact(models.Model):
    """The contact block on the home page; staff edit the one row in the admin."""

    name = models.CharField(_("contact person"), max_length=120)
    role = models.CharField(_("role"), max_length=120, blank=True)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact block")
        verbose_name_plural = _("contact block")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "SiteContact | None":
        return cls.objects.order_by("pk").first()


class OutboxMailQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued and no longer waiting for a retry: what a delivery task may send now."""
        return self.filter(state=OutboxMail.State.QUEUED, next_attempt_at__lte=now or timezone.now())

    def failed(self):
        return self.filter(state=OutboxMail.State.FAILED)

    def of(self, user):
        """A person's mails: those written to their account, and those sent to their address before it existed."""
        return self.filter(models.Q(user=user) | models.Q(to_email__iexact=user.email))


class OutboxMail(models.Model):
    """One mail to one recipient, rendered in their language. State changes only through core.delivery."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.CharField(
        _("idempotency key"),
        max_length=400,
        unique=True,
        help_text=_("Names the event and the recipient: the same mail is never queued twice."),
    )
    to_email = models.EmailField(_("to"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient's account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    template = models.CharField(_("template"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, default=timezone.now)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="core_outbox_state_next")]
        permissions = [("resend_outboxmail", _("Can send a mail again"))]

    def __str__(self):
        return f"{self.to_email}: {self.subject}"


class PeriodicRun(models.Model):
    """A periodic job's run for one period (core.scheduler): the unique pair makes a second run a no-op."""

    job = models.CharField(_("job"), max_length=100)
    period = models.CharField(_("period"), max_length=40)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        ordering = ["-started_at"]
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="core_periodic_run_once")]

    def __str__(self):
        return f"{self.job} {self.period}"
